/**
 * Issue 16, "every core", on SQLite without Redis: `aihub serve --workers 2` as a real process
 * tree. The primary keeps the state the workers share (limits, cache, the config bus; see
 * src/cluster/workers/shared-state.ts) and the money path is SQLite's own (every hold and
 * settlement a BEGIN IMMEDIATE transaction on one file, whichever process runs it). Requests go
 * on fresh connections, which the primary hands to the two workers in turn.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { openStore, type Store } from '../../src/store/database.js';
import { freshestCli, type Started, startCli, stop } from '../e2e/cli-process.js';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import { createAccounts, expectNoOverdraw, runBurst, setOverdraft } from '../e2e/overdraw-scenario.js';
import { asAdmin, asUser, createKey, register, type Session } from '../e2e/platform-client.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { chatBody, freshRequest } from './fresh-connection.js';

function workerPids(primary: Started): number[] {
  // The primary's children running the CLI (tsx may also have an esbuild service child).
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(primary.child.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(' serve'))
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter((pid) => pid > 0);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('aihub serve --workers 2 on SQLite, no Redis', () => {
  let upstream: Emulator;
  let server: Started;
  let store: Store;
  let dataDir: string;
  let user: Session;

  const chat = (key: string, extra: { headers?: Record<string, string>; body?: Record<string, unknown> } = {}) =>
    freshRequest(`${server.origin}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${key}`, ...extra.headers },
      body: extra.body ?? chatBody(),
    });

  beforeAll(async () => {
    upstream = await startOpenAIEmulator();
    dataDir = mkdtempSync(join(tmpdir(), 'aihub-workers-'));
    server = await startCli(
      {
        AIHUB_ADMIN_KEY: ADMIN_KEY,
        AIHUB_DATA_DIR: dataDir,
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: upstream.url,
        // Only the primary's report of a dead worker may release its holds within this test.
        AIHUB_ORPHAN_AFTER_MS: '600000',
      },
      { cli: freshestCli(), args: ['--workers', '2'], startTimeoutMs: 90_000 },
    );
    store = await openStore({ dataDir });
    await until('two workers', async () => (workerPids(server).length === 2 ? true : undefined));
    user = await register(server, 'workers@example.com');
  }, 120_000);

  afterAll(async () => {
    await stop(server);
    await store?.close();
    await upstream?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says it runs two workers, and each answers', async () => {
    expect(server.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(2 workers, database: /);
    const replies = await Promise.all(Array.from({ length: 8 }, () => freshRequest(`${server.origin}/readyz`)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(200));
  });

  it('holds a key’s RPM limit exactly across the workers', async () => {
    const { key } = await createKey(server, user, { rpmLimit: 10 });
    upstream.setScript({ headersDelayMs: 50 });
    try {
      const replies = await Promise.all(Array.from({ length: 30 }, () => chat(key)));
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(10);
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(20);
    } finally {
      upstream.setScript(undefined);
    }
  });

  it('holds a key’s concurrency limit exactly across the workers', async () => {
    const { key } = await createKey(server, user, { concurrencyLimit: 3 });
    upstream.setScript({ headersDelayMs: 1_500 });
    try {
      const replies = await Promise.all(Array.from({ length: 12 }, () => chat(key)));
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(3);
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(9);
    } finally {
      upstream.setScript(undefined);
    }
  });

  it('answers from one cache whichever worker is asked', async () => {
    const { key } = await createKey(server, user);
    const body = chatBody(`cache me ${Date.now()}`, { temperature: 0 });
    const first = await chat(key, { headers: { 'x-aihub-cache': 'on' }, body });
    expect(first.status).toBe(200);
    expect(first.headers['x-aihub-cache']).toBe('miss');
    const upstreamBefore = upstream.requestCount;
    // The answer is stored just after it is sent: wait until one worker sees it stored.
    await until('the answer stored', async () => {
      const reply = await chat(key, { headers: { 'x-aihub-cache': 'on' }, body });
      return reply.headers['x-aihub-cache'] === 'hit' ? true : undefined;
    });
    const later = await Promise.all(
      Array.from({ length: 6 }, () => chat(key, { headers: { 'x-aihub-cache': 'on' }, body })),
    );
    expect(later.map((reply) => reply.headers['x-aihub-cache'])).toEqual(Array(6).fill('hit'));
    expect(upstream.requestCount).toBe(upstreamBefore);
  });

  it('tells every worker at once when a key is deleted (config bus through the primary)', async () => {
    const { key, id } = await createKey(server, user);
    // Both workers have seen (and cached) the key.
    const warm = await Promise.all(Array.from({ length: 6 }, () => chat(key)));
    expect(warm.map((reply) => reply.status)).toEqual(Array(6).fill(200));
    const deleted = await asUser(server, user, 'DELETE', `/api/keys/${id}`);
    expect(deleted.status).toBe(204);
    const after = await Promise.all(Array.from({ length: 8 }, () => chat(key)));
    expect(after.map((reply) => reply.status)).toEqual(Array(8).fill(401));
  });

  it('sums every worker in one /metrics scrape, equal to the request log', async () => {
    const { key } = await createKey(server, user);
    const replies = await Promise.all(Array.from({ length: 10 }, () => chat(key)));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    const logged = await until('the request log flushed', async () => {
      const row = await store.db
        .selectFrom('request_logs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const scrape = await freshRequest(`${server.origin}/metrics`);
      const counted = [...scrape.text.matchAll(/^aihub_requests_total\{[^}]*\} (\d+)$/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
      return Number(row.n) === counted ? counted : undefined;
    });
    expect(logged).toBeGreaterThanOrEqual(10);
  });

  it('never overdraws under 500 adversarial requests spread over both workers', async () => {
    await setOverdraft(server);
    const accounts = await createAccounts(server, 'workers');
    const statuses = await runBurst([server], accounts, upstream, 'maximum');
    await expectNoOverdraw(server, accounts, statuses);
    const report = await verifyLedger(store);
    expect(report.mismatches).toEqual([]);
    expect(report.openReservations).toBe(0);
  }, 120_000);

  it('after kill -9 of a worker mid-stream: its holds are released at once, the other streams finish, a new worker starts', async () => {
    const { key } = await createKey(server, user);
    const before = workerPids(server);
    upstream.setScript({ chunkCount: 20, chunkDelayMs: 150 });
    let streams: Promise<Awaited<ReturnType<typeof chat>> | Error>[] = [];
    try {
      streams = Array.from({ length: 6 }, () =>
        chat(key, { body: chatBody('stream', { stream: true, stream_options: { include_usage: true } }) }).catch(
          (error: Error) => error,
        ),
      );
      await until('six holds', async () => {
        const rows = await store.db.selectFrom('reservations').select(['id', 'instance_id']).execute();
        return rows.length === 6 ? rows : undefined;
      });
      const byInstance = new Map<string, number>();
      for (const row of await store.db.selectFrom('reservations').select('instance_id').execute()) {
        byInstance.set(row.instance_id, (byInstance.get(row.instance_id) ?? 0) + 1);
      }
      // Round-robin: both workers hold streams.
      expect(byInstance.size).toBe(2);
      process.kill(before[0] as number, 'SIGKILL');
      // The primary saw it die: the dead worker's holds go within seconds, not the 10-minute sweep.
      const left = await until('the dead worker’s holds released', async () => {
        const rows = await store.db.selectFrom('reservations').select('instance_id').execute();
        return rows.length < 6 && new Set(rows.map((row) => row.instance_id)).size <= 1 ? rows : undefined;
      });
      expect(left.length).toBeLessThan(6);
      const results = await Promise.all(streams);
      const completed = results.filter(
        (result) => !(result instanceof Error) && result.status === 200 && result.text.includes('data: [DONE]'),
      );
      expect(completed.length).toBe(left.length);
    } finally {
      upstream.setScript(undefined);
    }
    const after = await until('a replacement worker', async () => {
      const pids = workerPids(server);
      return pids.length === 2 && !pids.includes(before[0] as number) ? pids : undefined;
    });
    expect(after).toContain(before[1]);
    const reply = await until('the new worker serving', async () => {
      const replies = await Promise.all(Array.from({ length: 4 }, () => chat(key)));
      return replies.every((r) => r.status === 200) ? replies : undefined;
    });
    expect(reply).toHaveLength(4);
    await until('no hold left', async () => {
      const rows = await store.db.selectFrom('reservations').select('id').execute();
      return rows.length === 0 ? true : undefined;
    });
    const report = await verifyLedger(store);
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(true);
  }, 90_000);

  it('drains both workers on SIGTERM and exits 0', async () => {
    const { key } = await createKey(server, user);
    upstream.setScript({ chunkCount: 10, chunkDelayMs: 100 });
    try {
      const streams = Array.from({ length: 4 }, () => chat(key, { body: chatBody('stream', { stream: true }) }));
      await until('four holds', async () => {
        const rows = await store.db.selectFrom('reservations').select('id').execute();
        return rows.length === 4 ? true : undefined;
      });
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
      server.child.kill('SIGTERM');
      const results = await Promise.all(streams);
      expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
      expect(results.every((result) => result.text.includes('data: [DONE]'))).toBe(true);
      expect(await exited).toBe(0);
    } finally {
      upstream.setScript(undefined);
    }
    expect(await store.db.selectFrom('reservations').select('id').execute()).toEqual([]);
    const report = await verifyLedger(store);
    expect(report.ok).toBe(true);
  }, 60_000);
});
