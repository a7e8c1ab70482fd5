import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { findJobHoldProblems } from './job-hold-check.js';
import { JobStore } from './job-store.js';

const NOW = Date.UTC(2026, 0, 1);

describeEachDialect('findJobHoldProblems', (store) => {
  let jobs: JobStore;
  const job = (id: string) => ({
    id,
    kind: 'video',
    userId: 'usr_a',
    keyId: null,
    requestId: `req_${id}`,
    channelId: 'ch',
    vendor: 'openai',
    model: 'sora-2',
    upstreamModel: 'sora-2',
    upstreamId: 'up',
    request: {},
    createdAt: NOW,
    nextPollAt: NOW,
    deadlineAt: NOW + 1,
  });
  const hold = (id: string, amount: number, holder = 'ins_1', createdAt = NOW) =>
    store()
      .db.insertInto('reservations')
      .values({ id, user_id: 'usr_a', key_id: null, amount, instance_id: holder, created_at: createdAt })
      .execute();

  beforeAll(async () => {
    const { db } = store();
    await db
      .insertInto('users')
      .values({
        id: 'usr_a',
        email: 'a@example.com',
        password_hash: null,
        display_name: null,
        role: 'user',
        group_name: 'default',
        status: 'active',
        balance: 0,
        reserved: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await db.insertInto('instances').values({ id: 'ins_1', started_at: NOW, heartbeat_at: NOW }).execute();
  });
  beforeEach(async () => {
    await store().db.deleteFrom('media_jobs').execute();
    await store().db.deleteFrom('reservations').execute();
    await store().db.deleteFrom('plan_holds').execute();
    jobs = new JobStore(store());
  });

  it('reports a finished job whose hold is still there, not a running one or a settled one', async () => {
    await jobs.create(job('running'));
    await hold('req_running', 500);
    await jobs.create(job('stuck'));
    await hold('req_stuck', 800);
    await jobs.finish('stuck', { status: 'completed', units: { video_second: 4 } }, NOW);
    await jobs.create(job('clean'));
    await jobs.finish('clean', { status: 'failed', error: { code: 'x', message: 'y' } }, NOW);
    expect(await findJobHoldProblems(store().db, NOW)).toEqual([
      {
        kind: 'hold_of_finished_job',
        jobId: 'stuck',
        requestId: 'req_stuck',
        userId: 'usr_a',
        status: 'completed',
        held: 800,
      },
    ]);
  });

  it('reports a durable hold that no unfinished job owns, once past the submission grace', async () => {
    await jobs.create(job('owned'));
    await hold('req_owned', 100, 'jobs', NOW - 3_600_000);
    await hold('req_lost', 200, 'jobs', NOW - 3_600_000);
    await hold('req_submitting', 300, 'jobs', NOW - 1_000);
    await hold('req_chat', 400, 'ins_1', NOW - 3_600_000);
    expect(await findJobHoldProblems(store().db, NOW)).toEqual([
      { kind: 'durable_hold_without_job', requestId: 'req_lost', userId: 'usr_a', status: 'none', held: 200 },
    ]);
  });

  it('checks the holds a subscription keeps for jobs the same way', async () => {
    const planHold = (requestId: string, money: number, holder: string, createdAt: number) =>
      store()
        .db.insertInto('plan_holds')
        .values({
          request_id: requestId,
          subscription_id: 'sub_a',
          user_id: 'usr_a',
          money,
          tokens: 0,
          instance_id: holder,
          created_at: createdAt,
        })
        .execute();
    await jobs.create(job('owned'));
    await planHold('req_owned', 100, 'jobs', NOW - 3_600_000);
    await planHold('req_lost', 200, 'jobs', NOW - 3_600_000);
    await planHold('req_chat', 400, 'ins_1', NOW - 3_600_000);
    await jobs.create({ ...job('done') });
    await store().db.updateTable('media_jobs').set({ status: 'completed' }).where('id', '=', 'done').execute();
    await planHold('req_done', 50, 'jobs', NOW);
    const problems = await findJobHoldProblems(store().db, NOW);
    expect(problems).toEqual([
      {
        kind: 'hold_of_finished_job',
        jobId: 'done',
        requestId: 'req_done',
        userId: 'usr_a',
        status: 'completed',
        held: 50,
      },
      { kind: 'durable_hold_without_job', requestId: 'req_lost', userId: 'usr_a', status: 'none', held: 200 },
    ]);
  });
});
