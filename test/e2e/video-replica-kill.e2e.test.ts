/**
 * A video job outlives the replica that took it: two real `aihub serve` processes share one
 * PostgreSQL schema; a Sora job is submitted on A (official `openai` package, metered key), A is
 * killed with SIGKILL while the job renders, and B — the only process left — keeps polling it
 * (its lease is short, so a lease A died holding runs out within a second), finishes it, settles
 * the durable hold exactly once and serves the video. Meanwhile B's orphan sweep, which releases a
 * dead process's holds, must leave this one alone: it belongs to the job, not to A.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { JOB_HOLDER } from '../../src/billing/job-holder.js';
import type { Store } from '../../src/store/database.js';
import { startVideoEmulator, type VideoEmulator } from '../emulators/video-emulator.js';
import { type Started, startCli, stop } from './cli-process.js';
import { type CrashEnvironment, crashEnvironment, until } from './crash-harness.js';
import { ADMIN_KEY, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register } from './platform-client.js';

const CREDIT = 5_000_000;
/** sora-2 at 720x1280, per second (the catalog price the videos e2e test charges). */
const PER_SECOND = 100_000;
const SECONDS = 4;
/** Longer than AIHUB_ORPHAN_AFTER_MS plus two sweeps: a non-durable hold of A's would be gone by then. */
const SWEEP_WINDOW_MS = 2_500;

describe('a video job when its replica is killed [postgres]', () => {
  let sora: VideoEmulator;
  let crash: CrashEnvironment;
  let configDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    sora = await startVideoEmulator();
    configDir = mkdtempSync(join(tmpdir(), 'aihub-video-kill-'));
    const configPath = join(configDir, 'aihub.yaml');
    writeFileSync(
      configPath,
      stringify({
        channels: [{ name: 'sora', type: 'openai', base_url: `${sora.url}/v1`, key: UPSTREAM_KEY, models: ['sora-2'] }],
      }),
    );
    // The Anthropic URL is unused here; the harness wants one.
    crash = crashEnvironment('postgres', { adminKey: ADMIN_KEY, anthropicBaseUrl: sora.url, name: 'vkill' });
    env = {
      ...crash.env,
      AIHUB_CONFIG: configPath,
      AIHUB_JOB_POLL_MS: '100',
      AIHUB_JOB_PENDING_MS: '100',
      AIHUB_JOB_LEASE_MS: '1000',
    };
  });

  afterAll(async () => {
    await sora?.close();
    await crash?.remove();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  it('is polled to completion by the surviving replica, settled once, and served by it', async () => {
    let a: Started | undefined;
    let b: Started | undefined;
    let store: Store | undefined;
    try {
      a = await startCli(env);
      const user = await register(a, 'video-kill@example.com');
      expect(
        (await asAdmin(a, 'POST', `/api/admin/users/${user.userId}/adjust`, { amount: CREDIT, reason: 'credit' }))
          .status,
      ).toBe(200);
      const { key } = await createKey(a, user);
      // B starts once the key exists: without Redis's config bus a replica learns keys at start.
      b = await startCli(env);
      const before = (await asUser(a, user, 'GET', '/api/balance')).json as { balance: number; reserved: number };
      expect(before.reserved).toBe(0);
      const onA = new OpenAI({ apiKey: key, baseURL: `${a.origin}/v1`, maxRetries: 0 });
      const onB = new OpenAI({ apiKey: key, baseURL: `${b.origin}/v1`, maxRetries: 0 });

      sora.holdInProgress(true);
      const created = await onA.videos.create({ model: 'sora-2', prompt: 'a long render', seconds: '4' });
      expect(created.status).toBe('queued');
      const submitted = sora.requests.find((r) => r.method === 'POST' && r.fields.prompt === 'a long render');
      expect(submitted).toBeDefined();
      const polls = () => sora.requests.filter((r) => r.method === 'GET' && !r.path.endsWith('/content')).length;
      // The job is running upstream (looked at, in_progress, recorded so) when A dies.
      await until(
        async () => ((await onA.videos.retrieve(created.id)).status === 'in_progress' ? true : undefined),
        10_000,
      );

      store = await crash.openDatabase();
      const job = await store.db
        .selectFrom('media_jobs')
        .selectAll()
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      const hold = SECONDS * PER_SECOND;
      const heldRows = await store.db
        .selectFrom('reservations')
        .selectAll()
        .where('user_id', '=', user.userId)
        .execute();
      expect(heldRows).toMatchObject([{ id: job.request_id, amount: hold, instance_id: JOB_HOLDER }]);

      a.child.kill('SIGKILL');
      await new Promise((resolve) => a?.child.once('exit', resolve));
      a = undefined;
      const pollsAtKill = polls();

      // Long enough for B's sweep to release anything A held as a process; the job's hold stays.
      await new Promise((resolve) => setTimeout(resolve, SWEEP_WINDOW_MS));
      expect(polls()).toBeGreaterThan(pollsAtKill); // only B is left to poll
      expect(
        await store.db.selectFrom('reservations').select(['id', 'amount']).where('user_id', '=', user.userId).execute(),
      ).toEqual([{ id: job.request_id, amount: hold }]);
      expect(
        await store.db
          .selectFrom('users')
          .select(['balance', 'reserved'])
          .where('id', '=', user.userId)
          .executeTakeFirstOrThrow(),
      ).toEqual({ balance: before.balance, reserved: hold });
      expect(
        await store.db.selectFrom('ledger_entries').select('id').where('reference', '=', job.request_id).execute(),
      ).toEqual([]);
      expect((await onB.videos.retrieve(created.id)).status).toBe('in_progress');

      // The render ends; B finishes the job.
      sora.holdInProgress(false);
      const done = await until(async () => {
        const video = await onB.videos.retrieve(created.id);
        return video.status === 'completed' || video.status === 'failed' ? video : undefined;
      }, 10_000);
      expect(done).toMatchObject({ status: 'completed', progress: 100, seconds: '4', error: null });

      // Settled exactly once: a few more poll intervals change nothing.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const charges = await store.db
        .selectFrom('ledger_entries')
        .select(['amount', 'kind'])
        .where('user_id', '=', user.userId)
        .where('kind', '=', 'charge')
        .execute();
      expect(charges).toEqual([{ amount: -hold, kind: 'charge' }]);
      expect(
        await store.db.selectFrom('reservations').select('id').where('user_id', '=', user.userId).execute(),
      ).toEqual([]);
      expect((await asUser(b, user, 'GET', '/api/balance')).json).toMatchObject({
        balance: before.balance - hold,
        reserved: 0,
      });
      const finished = await store.db
        .selectFrom('media_jobs')
        .select(['status', 'cost', 'lease_owner'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(finished).toEqual({ status: 'completed', cost: hold, lease_owner: null });

      const content = await onB.videos.downloadContent(created.id);
      expect(content.headers.get('content-type')).toBe('video/mp4');
      expect(Buffer.from(await content.arrayBuffer()).equals(sora.contentBytes)).toBe(true);
    } finally {
      await store?.close();
      if (a) a.child.kill('SIGKILL');
      await stop(b);
    }
  }, 40_000);
});
