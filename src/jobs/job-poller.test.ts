import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import type { JobDriver, JobPollResult } from './job-driver.js';
import { JobPoller } from './job-poller.js';
import type { JobSettlement } from './job-settlement.js';
import { JobStore } from './job-store.js';
import type { MediaJob, NewMediaJob } from './job-types.js';

const NOW = Date.UTC(2026, 0, 1);

function newJob(id: string, overrides: Partial<NewMediaJob> = {}): NewMediaJob {
  return {
    id,
    kind: 'video',
    userId: 'usr_a',
    keyId: 'key_a',
    requestId: `req_${id}`,
    channelId: 'ch',
    vendor: 'openai',
    model: 'sora-2',
    upstreamModel: 'sora-2',
    upstreamId: `up_${id}`,
    request: {},
    createdAt: NOW,
    nextPollAt: NOW,
    deadlineAt: NOW + 3_600_000,
    ...overrides,
  };
}

/** Records every settlement; charges 100 units per billed unit, once per request id. */
class RecordingSettlement implements JobSettlement {
  readonly calls: Array<{ requestId: string; units: Record<string, number> | undefined }> = [];
  private readonly settled = new Set<string>();
  async settle(job: MediaJob, units: Record<string, number> | undefined): Promise<number> {
    this.calls.push({ requestId: job.requestId, units });
    if (this.settled.has(job.requestId) || !units) {
      this.settled.add(job.requestId);
      return 0;
    }
    this.settled.add(job.requestId);
    return Object.values(units).reduce((sum, n) => sum + n * 100, 0);
  }
}

/** Answers each job's polls from a script; counts the polls. */
class ScriptedDriver implements JobDriver {
  readonly kind = 'video';
  readonly polls: string[] = [];
  constructor(private readonly script: Record<string, Array<JobPollResult | Error>>) {}
  async poll(job: MediaJob): Promise<JobPollResult> {
    this.polls.push(job.id);
    const next = this.script[job.id]?.shift();
    if (!next) throw new Error(`no scripted answer for ${job.id}`);
    if (next instanceof Error) throw next;
    return next;
  }
}

const manualTimers = { setInterval: () => 1, clearInterval: () => {} };

describeEachDialect('JobPoller', (store) => {
  let now = NOW;
  let jobs: JobStore;
  let settlement: RecordingSettlement;
  const poller = (driver: JobDriver, owner = 'replica-1') =>
    new JobPoller({
      jobs,
      settlement,
      log: { progressed: async () => {}, finished: async () => {} },
      drivers: [driver],
      owner,
      now: () => now,
      timers: manualTimers,
      pendingDelayMs: 1_000,
    });

  beforeEach(async () => {
    now = NOW;
    await store().db.deleteFrom('media_jobs').execute();
    jobs = new JobStore(store());
    settlement = new RecordingSettlement();
  });

  it('records progress, then settles the billed units once when the job completes', async () => {
    await jobs.create(newJob('a'));
    const driver = new ScriptedDriver({
      a: [
        { state: 'pending', status: 'in_progress', progress: 30 },
        { state: 'completed', result: { seconds: 4 }, units: { 'video_second:1280x720': 4 } },
      ],
    });
    const one = poller(driver);
    expect(await one.tick()).toBe(1);
    expect(await jobs.get('a')).toMatchObject({ status: 'in_progress', progress: 30, nextPollAt: NOW + 1_000 });
    expect(await one.tick()).toBe(0); // not due yet
    now += 1_000;
    expect(await one.tick()).toBe(1);
    expect(await jobs.get('a')).toMatchObject({
      status: 'completed',
      progress: 100,
      cost: 400,
      result: { seconds: 4 },
    });
    expect(settlement.calls).toEqual([{ requestId: 'req_a', units: { 'video_second:1280x720': 4 } }]);
    now += 10_000;
    expect(await one.tick()).toBe(0);
    expect(driver.polls).toEqual(['a', 'a']);
  });

  it('releases the hold of a failed job and of a job past its deadline', async () => {
    await jobs.create(newJob('failed'));
    await jobs.create(newJob('late', { deadlineAt: NOW - 1 }));
    const driver = new ScriptedDriver({
      failed: [{ state: 'failed', error: { code: 'moderation_blocked', message: 'no' } }],
    });
    await poller(driver).tick();
    expect(await jobs.get('failed')).toMatchObject({
      status: 'failed',
      cost: 0,
      error: { code: 'moderation_blocked' },
    });
    expect(await jobs.get('late')).toMatchObject({ status: 'failed', cost: 0, error: { code: 'timeout' } });
    expect(settlement.calls.map((call) => call.units)).toEqual([undefined, undefined]);
    expect(driver.polls).toEqual(['failed']); // the late job is not polled, only ended
  });

  it("backs off after a failed poll, at least as long as the vendor's retry-after", async () => {
    await jobs.create(newJob('a'));
    const limited = Object.assign(new Error('429'), { retryAfterMs: 30_000 });
    const driver = new ScriptedDriver({ a: [new Error('503'), limited] });
    const one = poller(driver);
    await one.tick();
    expect(await jobs.get('a')).toMatchObject({ status: 'queued', pollFailures: 1, nextPollAt: NOW + 2_000 });
    now += 2_000;
    await one.tick();
    expect(await jobs.get('a')).toMatchObject({ pollFailures: 2, nextPollAt: now + 30_000 });
    expect(settlement.calls).toEqual([]);
  });

  it('polls each job once per turn however many replicas look at the same time', async () => {
    for (let i = 0; i < 10; i++) await jobs.create(newJob(`j${i}`));
    const script = () =>
      Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [`j${i}`, [{ state: 'pending', status: 'queued', progress: 0 } as const]]),
      );
    const drivers = [new ScriptedDriver(script()), new ScriptedDriver(script()), new ScriptedDriver(script())];
    const polled = await Promise.all(drivers.map((driver, i) => poller(driver, `replica-${i}`).tick()));
    expect(polled.reduce((a, b) => a + b, 0)).toBe(10);
    const all = drivers.flatMap((driver) => driver.polls);
    expect(new Set(all).size).toBe(10);
    expect(all.length).toBe(10);
  });

  it('takes over a job whose replica died holding its lease once the lease runs out', async () => {
    await jobs.create(newJob('a'));
    expect(await jobs.claimDue('dead-replica', now, 60_000, 10)).toHaveLength(1);
    const driver = new ScriptedDriver({ a: [{ state: 'completed', result: {}, units: { video_second: 2 } }] });
    const survivor = poller(driver, 'survivor');
    expect(await survivor.tick()).toBe(0);
    now += 60_001;
    expect(await survivor.tick()).toBe(1);
    expect(await jobs.get('a')).toMatchObject({ status: 'completed', cost: 200 });
  });
});
