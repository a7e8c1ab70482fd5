import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { openStore, type Store } from '../store/database.js';
import { JobStore } from './job-store.js';
import type { NewMediaJob } from './job-types.js';

const NOW = Date.UTC(2026, 0, 1);

function newJob(overrides: Partial<NewMediaJob> = {}): NewMediaJob {
  return {
    id: 'video_1',
    kind: 'video',
    userId: 'usr_a',
    keyId: 'key_a',
    requestId: 'req_1',
    channelId: 'ch_openai',
    vendor: 'openai',
    model: 'sora-2',
    upstreamModel: 'sora-2',
    upstreamId: 'video_up_1',
    request: { seconds: 4, size: '1280x720' },
    createdAt: NOW,
    nextPollAt: NOW,
    deadlineAt: NOW + 3_600_000,
    ...overrides,
  };
}

describeEachDialect('JobStore', (store) => {
  let jobs: JobStore;
  beforeEach(async () => {
    await store().db.deleteFrom('media_jobs').execute();
    jobs = new JobStore(store());
  });

  it("finds a job for its owner and kind only: another user's id is not found", async () => {
    await jobs.create(newJob());
    const found = await jobs.find('video_1', 'usr_a', 'video');
    expect(found).toMatchObject({ status: 'queued', progress: 0, request: { seconds: 4, size: '1280x720' } });
    expect(await jobs.find('video_1', 'usr_b', 'video')).toBeUndefined();
    expect(await jobs.find('video_1', 'usr_a', 'midjourney')).toBeUndefined();
    expect(await jobs.delete('video_1', 'usr_b', 'video')).toBe(false);
    expect(await jobs.delete('video_1', 'usr_a', 'video')).toBe(true);
    expect(await jobs.get('video_1')).toBeUndefined();
  });

  it("lists the owner's jobs in either order, paged after a cursor", async () => {
    for (let i = 1; i <= 5; i++) {
      await jobs.create(newJob({ id: `video_${i}`, requestId: `req_${i}`, createdAt: NOW + i }));
    }
    await jobs.create(newJob({ id: 'video_other', requestId: 'req_other', userId: 'usr_b', createdAt: NOW + 3 }));
    const first = await jobs.list('usr_a', { kind: 'video', limit: 2, order: 'desc' });
    expect(first.jobs.map((job) => job.id)).toEqual(['video_5', 'video_4']);
    expect(first.hasMore).toBe(true);
    const last = first.jobs[1];
    const next = await jobs.list('usr_a', {
      kind: 'video',
      limit: 10,
      order: 'desc',
      after: { createdAt: last.createdAt, id: last.id },
    });
    expect(next.jobs.map((job) => job.id)).toEqual(['video_3', 'video_2', 'video_1']);
    expect(next.hasMore).toBe(false);
    const ascending = await jobs.list('usr_a', { kind: 'video', limit: 10, order: 'asc' });
    expect(ascending.jobs.map((job) => job.id)).toEqual(['video_1', 'video_2', 'video_3', 'video_4', 'video_5']);
  });

  it('claims only due, unfinished, unleased jobs, and a lost lease cannot record progress', async () => {
    await jobs.create(newJob({ id: 'due', requestId: 'r1' }));
    await jobs.create(newJob({ id: 'later', requestId: 'r2', nextPollAt: NOW + 600_000 }));
    await jobs.create(newJob({ id: 'done', requestId: 'r3' }));
    expect(await jobs.finish('done', { status: 'failed', error: { code: 'x', message: 'y' } }, NOW)).toBe(true);

    const claimed = await jobs.claimDue('replica-1', NOW, 60_000, 10);
    expect(claimed.map((job) => job.id)).toEqual(['due']);
    expect(claimed[0]).toMatchObject({ leaseOwner: 'replica-1', leaseUntil: NOW + 60_000 });
    // Leased: nobody else gets it until the lease runs out.
    expect(await jobs.claimDue('replica-2', NOW + 1_000, 60_000, 10)).toEqual([]);
    const taken = await jobs.claimDue('replica-2', NOW + 60_001, 60_000, 10);
    expect(taken.map((job) => job.id)).toEqual(['due']);
    const progress = { status: 'in_progress' as const, progress: 40, nextPollAt: NOW + 70_000, pollFailures: 0 };
    expect(await jobs.recordProgress('due', 'replica-1', progress, NOW + 60_002)).toBe(false);
    expect(await jobs.recordProgress('due', 'replica-2', progress, NOW + 60_002)).toBe(true);
    expect(await jobs.get('due')).toMatchObject({
      status: 'in_progress',
      progress: 40,
      leaseOwner: null,
      leaseUntil: 0,
    });
  });

  it('finishes a job once: the second finish reports it was not first', async () => {
    await jobs.create(newJob());
    const outcome = {
      status: 'completed' as const,
      result: { seconds: 4 },
      units: { 'video_second:1280x720': 4 },
      cost: 400_000,
    };
    expect(await jobs.finish('video_1', outcome, NOW + 5)).toBe(true);
    expect(await jobs.finish('video_1', { status: 'failed', error: { code: 'x', message: 'y' } }, NOW + 6)).toBe(false);
    expect(await jobs.get('video_1')).toMatchObject({
      status: 'completed',
      result: { seconds: 4 },
      units: { 'video_second:1280x720': 4 },
      cost: 400_000,
      finishedAt: NOW + 5,
      error: null,
    });
  });

  it('gives each due job to exactly one of many replicas claiming at once', async () => {
    const total = 60;
    for (let i = 0; i < total; i++) await jobs.create(newJob({ id: `job_${i}`, requestId: `req_${i}` }));
    // Separate connections (pools), as separate processes would have.
    const others: Store[] = [];
    for (let i = 0; i < 3; i++) {
      others.push(await openStore({ url: store().url, dataDir: '/tmp', schema: store().schema, poolSize: 4 }));
    }
    try {
      const stores = [new JobStore(store()), ...others.map((other) => new JobStore(other))];
      const claims = await Promise.all(
        Array.from({ length: 24 }, (_, i) => stores[i % stores.length].claimDue(`replica-${i}`, NOW, 60_000, 7)),
      );
      const ids = claims.flat().map((job) => job.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(total);
    } finally {
      for (const other of others) await other.close();
    }
  });
});
