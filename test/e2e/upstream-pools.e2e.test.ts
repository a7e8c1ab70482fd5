/**
 * Upstream connection pools under many long streams. A stream holds its upstream connection for
 * its whole length, so a pool smaller than the number of streams in flight makes the others wait,
 * silently, until one ends (976 of 2,000 slow streams once got no headers for that reason).
 * - 2,000 concurrent streams that never end all get their headers and first token. With a pool
 *   too small, the streams beyond it would wait for ever: the bound below is only there to turn
 *   that into a failure, and it is generous (this is not a timing benchmark).
 * - With the pool forced down to one connection, the second of two requests waits, and its
 *   attempt in the request log says for how long (`connectionWaitMs`).
 */
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptDetail } from '../../src/logs/request-log-entry.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

const STREAMS = 2_000;

function chatRequest(gateway: Gateway, dispatcher: Agent, content: string, signal?: AbortSignal) {
  return request(`${gateway.origin}/v1/chat/completions`, {
    method: 'POST',
    dispatcher,
    signal,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4.1-mini',
      stream: true,
      max_tokens: 16,
      messages: [{ role: 'user', content }],
    }),
  });
}

describe('2,000 concurrent slow streams', () => {
  let gateway: Gateway;
  // Connecting 2,000 sockets at once overflows the listening socket's backlog: some SYNs are
  // retried after 1, 3, 7, 15 s; undici's 10 s connect timeout would fail those, not the gateway.
  const client = new Agent({
    connections: STREAMS + 100,
    connect: { timeout: 120_000 },
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway?.close();
    await client.destroy();
  });

  it('all get their headers and first token while every one of them is still open', {
    timeout: 5 * 60_000,
  }, async () => {
    // Frame 1 is the role chunk, frame 2 the first token; then the upstream goes quiet for good.
    gateway.openai.setScript({ fault: { type: 'hang-mid-stream', afterChunks: 2 } });
    const stop = new AbortController();
    const statuses: number[] = [];
    const failures: string[] = [];
    let firstTokens = 0;
    const started = performance.now();
    const streams = Array.from({ length: STREAMS }, async (_, index) => {
      try {
        const response = await chatRequest(gateway, client, `stream ${index}`, stop.signal);
        statuses.push(response.statusCode);
        const body = response.body[Symbol.asyncIterator]();
        await body.next();
        firstTokens += 1;
        while (!(await body.next()).done) {}
      } catch (error) {
        if (!stop.signal.aborted) failures.push(String(error));
      }
    });
    try {
      await expect.poll(() => firstTokens + failures.length, { timeout: 180_000, interval: 250 }).toBe(STREAMS);
      console.info(
        `${STREAMS} streams open, all with a first token, after ${Math.round(performance.now() - started)} ms`,
      );
      expect(failures).toEqual([]);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
    } finally {
      stop.abort();
      await Promise.all(streams);
      gateway.openai.setScript(undefined);
    }
  });
});

describe('a pool forced down to one connection', () => {
  let gateway: Gateway;
  const client = new Agent({ connections: 10 });

  beforeAll(async () => {
    gateway = await startGateway({ AIHUB_UPSTREAM_MAX_CONNECTIONS: '1' });
  });
  afterAll(async () => {
    await gateway?.close();
    await client.close();
  });

  it('shows the queueing in the request log: the second request waited for the first one’s connection', async () => {
    const holdMs = 600;
    // The first stream holds the only connection for `holdMs` after its first token.
    gateway.openai.setScript({ fault: { type: 'hang-mid-stream', afterChunks: 2, ms: holdMs } });
    const first = await chatRequest(gateway, client, 'first');
    const firstBody = first.body[Symbol.asyncIterator]();
    await firstBody.next(); // it has the connection now
    gateway.openai.setScript(undefined);
    const second = await chatRequest(gateway, client, 'second');
    await second.body.text();
    while (!(await firstBody.next()).done) {}

    const ids = [first, second].map((response) => String(response.headers['x-request-id']));
    const attempts = await Promise.all(ids.map((id) => loggedAttempts(gateway, id)));
    const [firstAttempt, secondAttempt] = attempts.map((list) => list[0]);
    expect(firstAttempt?.outcome).toBe('ok');
    expect(secondAttempt?.outcome).toBe('ok');
    // The second could only start once the first had let go, most of `holdMs` later; the first
    // found its connection at once (or after opening it).
    expect(secondAttempt?.connectionWaitMs).toBeGreaterThanOrEqual(holdMs / 2);
    expect(firstAttempt?.connectionWaitMs ?? 0).toBeLessThan(holdMs / 2);
  });
});

/** The attempts the request log stored for a request (written asynchronously, so polled). */
async function loggedAttempts(gateway: Gateway, requestId: string): Promise<AttemptDetail[]> {
  let row: { attempts_detail: string | null } | undefined;
  await expect
    .poll(
      async () => {
        row = await gateway.app.store.db
          .selectFrom('request_logs')
          .select('attempts_detail')
          .where('id', '=', requestId)
          .executeTakeFirst();
        return row !== undefined;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return JSON.parse(row?.attempts_detail ?? '[]') as AttemptDetail[];
}
