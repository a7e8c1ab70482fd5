/**
 * Sign-in and sign-up limits on three replicas (one PostgreSQL, one Redis), each request from a
 * loopback address of its own (Linux routes all of 127/8 to lo). Before: the shared limits
 * matched the exact URL (`/api/auth/login?x=1` skipped them), the per-account limit lived in
 * each process (three replicas, three times the guesses), and 20 addresses × 10 guesses tried
 * 200 passwords on one account.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { describeRedis } from './redis-harness.js';
import { type Replica, replicaCluster } from './replica-harness.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of several shapes, checked by the assertions
  body: any;
}

/**
 * Paths that reach one route; every one must land in the same counters. The last spells the
 * route's final letter percent-encoded (`/api/auth/logi%6E`), which the router decodes.
 */
const VARIANTS = (route: string) => [
  route,
  `${route}?x=1`,
  `${route}?`,
  `${route}?x=1&y=${'z'.repeat(50)}`,
  `${route}?=`,
  `${route.slice(0, -1)}%${route
    .charCodeAt(route.length - 1)
    .toString(16)
    .toUpperCase()}`,
];

/** This run's own slice of 127/8, so counters left in the shared Redis by other runs never meet ours. */
const NET = `127.${randomInt(1, 255)}.${randomInt(0, 200)}`;
const address = (host: number) => `${NET}.${host}`;
const PASSWORD = 'correct horse battery';

function post(replica: Replica, path: string, body: unknown, from: string, cookie?: string): Promise<Answer> {
  return send(replica, 'POST', path, from, body, cookie);
}

function send(
  replica: Replica,
  method: string,
  path: string,
  from: string,
  body?: unknown,
  cookie?: string,
  csrf?: string,
): Promise<Answer> {
  const url = new URL(replica.origin);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        localAddress: from,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(cookie ? { cookie } : {}),
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function expectRefusal(answer: Answer, codes: string[]): void {
  expect(answer.status).toBe(429);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  expect(answer.body.error).toMatchObject({ type: 'rate_limit_error' });
  expect(codes).toContain(answer.body.error.code);
}

function count(answers: Answer[], status: number): number {
  return answers.filter((answer) => answer.status === status).length;
}

describeRedis('sign-in and sign-up limits across three replicas', () => {
  const cluster = replicaCluster('login', () => upstream.url);
  let upstream: Emulator;
  const replicas: Replica[] = [];
  const replica = (i: number) => replicas[i % replicas.length] as Replica;

  beforeAll(async () => {
    upstream = await startOpenAIEmulator();
    // One at a time: the first migrates the schema.
    replicas.push(await cluster.start());
    replicas.push(await cluster.start(), await cluster.start());
  }, 60_000);

  afterAll(async () => {
    await cluster.close();
    await upstream?.close();
  });

  it('login attempts from one address, spread over the replicas and over query-string variants, share one count', async () => {
    const from = address(1);
    const paths = VARIANTS('/api/auth/login');
    const answers: Answer[] = [];
    for (let i = 0; i < 40; i++) {
      const email = `spray-${randomBytes(4).toString('hex')}@example.com`;
      answers.push(await post(replica(i), paths[i % paths.length] as string, { email, password: PASSWORD }, from));
    }
    // 30 per address in 15 minutes, whichever replica and whatever the URL says.
    expect(count(answers, 401)).toBe(30);
    for (const answer of answers.slice(30)) expectRefusal(answer, ['too_many_login_attempts']);
  });

  it('sign-ups from one address, spread over the replicas and query-string variants, share one count', async () => {
    const from = address(2);
    const paths = VARIANTS('/api/auth/register');
    const answers: Answer[] = [];
    for (let i = 0; i < 24; i++) {
      const email = `new-${randomBytes(4).toString('hex')}@example.com`;
      answers.push(await post(replica(i), paths[i % paths.length] as string, { email, password: PASSWORD }, from));
    }
    expect(count(answers, 201)).toBe(20);
    for (const answer of answers.slice(20)) expectRefusal(answer, ['too_many_registrations']);
  });

  it('20 addresses × 10 guesses get at most the per-account limit through; the owner still signs in and is told', async () => {
    const email = `owner-${randomBytes(4).toString('hex')}@example.com`;
    const home = address(10);
    expect((await post(replica(0), '/api/auth/register', { email, password: PASSWORD }, home)).status).toBe(201);

    const guesses = Array.from({ length: 20 }, (_, host) =>
      Array.from({ length: 10 }, (_, guess) => ({ from: address(100 + host), guess, host })),
    ).flat();
    const answers = await Promise.all(
      guesses.map(({ from, guess, host }) =>
        post(
          replica(host + guess),
          VARIANTS('/api/auth/login')[guess % 6] as string,
          { email, password: `wrong-${guess}` },
          from,
        ),
      ),
    );
    // At most 10 passwords were tried (401); everything else was refused before the password check.
    expect(count(answers, 401)).toBeLessThanOrEqual(10);
    expect(count(answers, 401) + count(answers, 429)).toBe(200);
    for (const answer of answers.filter((a) => a.status === 429)) {
      expectRefusal(answer, ['login_paused', 'too_many_login_attempts']);
    }

    // A new address is paused, with when to come back; the owner's own address is not.
    const stranger = await post(replica(1), '/api/auth/login', { email, password: PASSWORD }, address(99));
    expectRefusal(stranger, ['login_paused']);
    expect(stranger.body.error.message).toMatch(/signed in to it before can still sign in/);
    const owner = await post(replica(2), '/api/auth/login?x=1', { email, password: PASSWORD }, home);
    expect(owner.status).toBe(200);

    // The owner is told, once, on any replica, until they acknowledge it.
    const cookie = String(owner.headers['set-cookie']).split(';')[0] as string;
    const notices = await send(replica(0), 'GET', '/api/auth/login-notices', home, undefined, cookie);
    expect(notices.status).toBe(200);
    expect(notices.body.data).toEqual([
      { id: expect.any(String), startedAt: expect.any(Number), endsAt: expect.any(Number), failedAttempts: 10 },
    ]);
    expect(notices.body.data[0].endsAt - notices.body.data[0].startedAt).toBeLessThanOrEqual(15 * 60_000);
    const acknowledged = await send(
      replica(1),
      'POST',
      '/api/auth/login-notices/acknowledge',
      home,
      undefined,
      cookie,
      owner.body.csrfToken,
    );
    expect(acknowledged.status).toBe(204);
    expect((await send(replica(2), 'GET', '/api/auth/login-notices', home, undefined, cookie)).body.data).toEqual([]);
  }, 60_000);
});
