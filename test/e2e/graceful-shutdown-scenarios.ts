import { execFile } from 'node:child_process';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { type Started, startCli } from './cli-process.js';
import { crashEnvironment, until } from './crash-harness.js';
import { chatBody, openRawConnection, openStream, rawRequest } from './drain-clients.js';
import { createKey, register } from './platform-client.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** About 150 tokens (the emulator counts chars / 4): below max_tokens, so never truncated. */
const STORY = 'Once upon a time a gateway drained its streams before it stopped, and nobody lost a word. '.repeat(7);
const FULL_TOKENS = Math.ceil(STORY.length / 4);
const STREAMS = 100;
const SLOWEST = 'tell me the slowest story';

/** What a brand-new connection gets: an HTTP status, or the socket error's code. */
function onNewConnection(origin: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = get(`${origin}/healthz`, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function refusedWithin(origin: string, timeoutMs: number): Promise<number | string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await onNewConnection(origin);
    // A connection the kernel queued just before the listener closed is reset, not refused: both
    // mean nobody serves it, but only ECONNREFUSED says the listener is gone for good.
    if (answer === 'ECONNREFUSED' || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function exitCode(server: Started): Promise<number | null> {
  if (server.child.exitCode !== null) return Promise.resolve(server.child.exitCode);
  return new Promise((resolve) => server.child.once('exit', (code) => resolve(code)));
}

/**
 * SIGTERM to the real `aihub serve` process with 100 slow streams open: the drain lets them all
 * finish (or, with the drain timeout forced short, cuts them and charges what each delivered),
 * then settles every hold, flushes the request log and exits 0; `aihub ledger verify` is clean.
 */
export function describeGracefulShutdown(database: 'sqlite' | 'postgres'): void {
  describe(`graceful shutdown [${database}]`, () => {
    let upstream: Emulator;

    beforeAll(async () => {
      upstream = await startOpenAIEmulator();
    });
    afterAll(async () => {
      await upstream?.close();
    });

    async function startServer(name: string, extra: Record<string, string>) {
      const environment = crashEnvironment(database, {
        adminKey: 'sk-drain-admin',
        anthropicBaseUrl: upstream.origin,
        name,
      });
      const env = {
        ...environment.env,
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: upstream.url,
        LOG_LEVEL: 'info',
        ...extra,
      };
      // A loaded machine can take most of a minute to start the process.
      const server = await startCli(env, { startTimeoutMs: 60_000 });
      const user = await register(server, `${name}-${database}@example.com`);
      const { key } = await createKey(server, user);
      return { environment, env, server, user, key };
    }

    async function verifyLedgerClean(env: Record<string, string>) {
      const verify = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ledger', 'verify'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      expect(verify.stdout).toContain('0 open reservations');
    }

    it('lets 100 streams finish, refuses what comes new, settles and flushes everything, exits 0', async () => {
      // The raw connection's stream is the slowest, so it is still open when its pipelined request comes.
      upstream.setScript((request) => ({
        text: STORY,
        chunkCount: 30,
        chunkDelayMs: JSON.stringify(request.body).includes(SLOWEST) ? 500 : 200,
      }));
      const { environment, env, server, key } = await startServer('drain', {});
      try {
        // One stream on a raw keep-alive connection, to send requests behind it once draining.
        const raw = await openRawConnection(server.origin);
        const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
        raw.send(rawRequest('POST', '/v1/chat/completions', headers, chatBody(true, SLOWEST)));
        const streams = Array.from({ length: STREAMS - 1 }, () => openStream(server.origin, key));
        await Promise.all([...streams.map((stream) => stream.started), raw.waitFor('data: {')]);
        expect(await onNewConnection(server.origin)).toBe(200);

        const exited = exitCode(server);
        server.child.kill('SIGTERM');
        await until(async () => (server.output().includes('shutdown: draining') ? true : undefined), 10_000);
        // Pipelined behind the open stream: answered while draining, delivered after it. (/readyz
        // turning 503 is checked in-process, src/http/drain-gate.test.ts: Fastify closes a
        // connection after its first answer while closing, so one pipelined request is all it takes.)
        raw.send(rawRequest('POST', '/v1/chat/completions', headers, chatBody(false)));
        expect(await refusedWithin(server.origin, 3_000)).toBe('ECONNREFUSED');

        const outcomes = await Promise.all(streams.map((stream) => stream.outcome));
        for (const outcome of outcomes) {
          expect(outcome).toMatchObject({ status: 200, done: true, cut: false, text: STORY });
        }
        await raw.closed;
        const [rawStream = '', refused = ''] = raw.received().split(/(?=HTTP\/1\.1 )/);
        expect(rawStream).toMatch(/^HTTP\/1\.1 200/);
        expect(rawStream).toContain('data: [DONE]');
        expect(refused).toMatch(/^HTTP\/1\.1 503/);
        expect(refused.toLowerCase()).toContain('retry-after: 1');
        expect(refused.toLowerCase()).toContain('connection: close');
        expect(refused).toContain('"code":"server_shutting_down"');
        expect(refused).toContain('"error":{');

        expect(await exited).toBe(0);
        expect(server.output()).toContain('shutdown: every request in flight finished');
        expect(server.output()).toContain('shutdown: done');

        const store = await environment.openDatabase();
        try {
          expect(await store.db.selectFrom('reservations').select('id').execute()).toEqual([]);
          const rows = await store.db.selectFrom('request_logs').select(['status', 'completion_tokens']).execute();
          expect(rows).toHaveLength(STREAMS);
          for (const row of rows) expect(row).toEqual({ status: 200, completion_tokens: FULL_TOKENS });
          const users = await store.db.selectFrom('users').select('reserved').execute();
          for (const user of users) expect(Number(user.reserved)).toBe(0);
        } finally {
          await store.close();
        }
        await verifyLedgerClean(env);
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
        upstream.setScript(undefined);
        await environment.remove();
      }
    }, 120_000);

    it('with the drain timeout forced short, cuts the streams and charges each for what it delivered', async () => {
      // Sixteen seconds a stream; the drain gives them one.
      upstream.setScript({ text: STORY, chunkCount: 40, chunkDelayMs: 400 });
      const { environment, env, server, key } = await startServer('draincut', { AIHUB_DRAIN_TIMEOUT_SECONDS: '1' });
      try {
        const streams = Array.from({ length: STREAMS }, () => openStream(server.origin, key));
        await Promise.all(streams.map((stream) => stream.started));

        const exited = exitCode(server);
        server.child.kill('SIGTERM');
        const outcomes = await Promise.all(streams.map((stream) => stream.outcome));
        for (const outcome of outcomes) {
          expect(outcome.done).toBe(false);
          expect(outcome.text.length).toBeGreaterThan(0);
          expect(STORY.startsWith(outcome.text)).toBe(true);
          expect(outcome.text.length).toBeLessThan(STORY.length);
        }
        expect(await exited).toBe(0);
        expect(server.output()).toContain('shutdown: cutting what is still open');
        expect(server.output()).toContain('shutdown: done');

        const store = await environment.openDatabase();
        try {
          expect(await store.db.selectFrom('reservations').select('id').execute()).toEqual([]);
          const rows = await store.db
            .selectFrom('request_logs')
            .select(['id', 'completion_tokens', 'usage_estimated', 'cost'])
            .execute();
          expect(rows).toHaveLength(STREAMS);
          const charges = new Map(
            (
              await store.db
                .selectFrom('ledger_entries')
                .select(['reference', 'amount'])
                .where('kind', '=', 'charge')
                .execute()
            ).map((entry) => [entry.reference, Number(entry.amount)]),
          );
          const received = new Map(outcomes.map((outcome) => [outcome.requestId, outcome.text]));
          for (const row of rows) {
            // The vendor's usage never came: the gateway counted what it had delivered.
            expect(row.usage_estimated).toBe(1);
            expect(row.completion_tokens).toBeGreaterThan(0);
            // Cut before the end: fewer tokens than the whole answer (the vendor would have billed FULL_TOKENS).
            expect(row.completion_tokens).toBeLessThan(FULL_TOKENS);
            expect(received.get(row.id)?.length).toBeGreaterThan(0);
            expect(Number(row.cost)).toBeGreaterThan(0);
            expect(charges.get(row.id)).toBe(-Number(row.cost));
          }
          const users = await store.db.selectFrom('users').select('reserved').execute();
          for (const user of users) expect(Number(user.reserved)).toBe(0);
        } finally {
          await store.close();
        }
        await verifyLedgerClean(env);
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
        upstream.setScript(undefined);
        await environment.remove();
      }
    }, 120_000);
  });
}
