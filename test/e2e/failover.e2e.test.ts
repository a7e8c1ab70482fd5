import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedUrl } from '../emulators/index.js';
import type { Fault } from '../emulators/types.js';
import { chat, type FailoverGateway, logRow, received, startFailoverGateway, streamText } from './failover-harness.js';
import { asUser, createKey, register, type Session } from './platform-client.js';

const KEY = 'test-key';
// undici checks idle gaps on a ~1 s tick: 200 ms of silence is noticed within about a second,
// well before the first-byte limit, so each fault is caught by the limit meant for it.
const fastTimeouts = { first_byte_ms: 1_500, idle_ms: 200 };

let env: FailoverGateway;
let user: Session;
let userKey: string;

beforeAll(async () => {
  const refused = await closedUrl('/v1');
  env = await startFailoverGateway((a, b) => [
    // gpt-4o-mini: A preferred, B the healthy fallback.
    {
      name: 'chan-a',
      type: 'openai',
      base_url: a.url,
      key: KEY,
      models: ['gpt-4o-mini'],
      priority: 10,
      timeouts: fastTimeouts,
    },
    { name: 'chan-b', type: 'openai', base_url: b.url, key: KEY, models: ['gpt-4o-mini', 'gpt-4o'] },
    // gpt-4o: a preferred channel nobody listens on.
    { name: 'chan-refused', type: 'openai', base_url: refused, key: KEY, models: ['gpt-4o'], priority: 10 },
    // One channel only: gpt-4.1-mini on A, gpt-4.1 refused.
    { name: 'solo', type: 'openai', base_url: a.url, key: KEY, models: ['gpt-4.1-mini'], timeouts: fastTimeouts },
    { name: 'solo-refused', type: 'openai', base_url: refused, key: KEY, models: ['gpt-4.1'] },
    // A whole attempt may take 800 ms at most.
    { name: 'slow', type: 'custom', base_url: a.url, key: KEY, models: ['slow-model'], timeouts: { total_ms: 800 } },
    // gpt-4.1-nano: shared 3:1 within one priority.
    { name: 'heavy', type: 'openai', base_url: a.url, key: KEY, models: ['gpt-4.1-nano'], weight: 3 },
    { name: 'light', type: 'openai', base_url: b.url, key: KEY, models: ['gpt-4.1-nano'], weight: 1 },
  ]);
  user = await register(env.gateway, 'failover@example.com');
  userKey = (await createKey(env.gateway, user)).key;
});
afterAll(() => env?.close());

// Each case starts with healthy upstreams: a fault would otherwise cool A's key or feed its breaker.
beforeEach(() => {
  env.a.reset();
  env.b.reset();
  env.gateway.app.deps.routeHealth.reset();
});

const ask = (model: string, stream: boolean) => ({
  model,
  stream,
  messages: [{ role: 'user', content: 'Tell me a story' }],
});

async function balance(): Promise<{ balance: number; reserved: number }> {
  const { balance, reserved } = (await asUser(env.gateway, user, 'GET', '/api/balance')).json;
  return { balance, reserved };
}

/** Faults that strike before any content reached the client, with what the failed attempt logs. */
const beforeContent: Array<[string, Fault, RegExp]> = [
  ['429 with retry-after', { type: 'http-error', status: 429, retryAfterSeconds: 1 }, /^rate_limit_exceeded$/],
  ['500', { type: 'http-error', status: 500 }, /^upstream_error$/],
  ['503', { type: 'http-error', status: 503 }, /^overloaded$/],
  ['a timeout before headers', { type: 'hang-before-headers' }, /^upstream_(first_byte_)?timeout$/],
  ['an idle gap between chunks', { type: 'hang-mid-stream', afterChunks: 1 }, /^upstream_idle_timeout$/],
  [
    'a reset mid-stream before any content',
    { type: 'reset-mid-stream', afterChunks: 1 },
    /^upstream_connection_error$/,
  ],
  ['malformed SSE before content', { type: 'malformed', afterChunks: 1 }, /^upstream_(error|invalid_response)$/],
  [
    'an in-band error after HTTP 200',
    { type: 'in-band-error', afterChunks: 1, message: 'Internal' },
    /^upstream_error$/,
  ],
];
const cases = beforeContent.flatMap(([name, fault, outcome]) =>
  [true, false].map((stream) => [`${name} (${stream ? 'stream' : 'JSON'})`, fault, outcome, stream] as const),
);

function answerText(reply: Awaited<ReturnType<typeof chat>>, stream: boolean): string {
  return stream ? streamText(reply.events()) : reply.json().choices[0].message.content;
}

describe('failover to a healthy channel before the first byte', () => {
  it.each(cases)(
    '%s: the client gets B’s answer, in 2 attempts, charged once',
    async (_name, fault, outcome, stream) => {
      env.a.enqueue({ fault });
      const before = await balance();
      const reply = await chat(env.gateway, ask('gpt-4o-mini', stream), userKey);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-aihub-attempts')).toBe('2');
      expect(reply.headers.get('x-aihub-model')).toBe('gpt-4o-mini');
      expect(answerText(reply, stream)).toContain('Hello from B emulator');
      if (stream) {
        expect(reply.events().filter((event) => event !== '[DONE]' && event.error)).toEqual([]);
        expect(reply.events().at(-1)).toBe('[DONE]');
      }
      expect(received(env.a, 'gpt-4o-mini')).toBe(1);
      expect(received(env.b, 'gpt-4o-mini')).toBe(1);

      const log = await logRow(env.gateway, reply.headers.get('x-request-id') as string);
      expect(log).toMatchObject({ status: 200, attempts: 2, channel: 'chan-b', errorCode: null });
      const [failed, served] = log.attemptsDetail ?? [];
      expect(log.attemptsDetail).toHaveLength(2);
      expect(failed?.channel).toBe('chan-a');
      expect(failed?.outcome).toMatch(outcome);
      expect(served).toMatchObject({ channel: 'chan-b', outcome: 'ok', status: 200 });

      const after = await balance();
      expect(log.cost).toBeGreaterThan(0);
      expect(after).toEqual({ balance: before.balance - log.cost, reserved: 0 });
    },
  );

  it('a refused connection moves on to the next channel', async () => {
    const reply = await chat(env.gateway, ask('gpt-4o', true), userKey);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-aihub-attempts')).toBe('2');
    const log = await logRow(env.gateway, reply.headers.get('x-request-id') as string);
    expect(log.attemptsDetail?.map((attempt) => [attempt.channel, attempt.outcome])).toEqual([
      ['chan-refused', 'upstream_connection_error'],
      ['chan-b', 'ok'],
    ]);
  });

  it('after the first byte there is no failover: an in-band error, then [DONE]', async () => {
    env.a.enqueue({ fault: { type: 'reset-mid-stream', afterChunks: 3 } });
    const reply = await chat(env.gateway, ask('gpt-4o-mini', true), userKey);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-aihub-attempts')).toBe('1');
    const events = reply.events();
    expect(streamText(events)).toContain('Hello');
    expect(events.filter((event) => event !== '[DONE]' && event.error)).toHaveLength(1);
    expect(events.at(-1)).toBe('[DONE]');
    expect(received(env.b, 'gpt-4o-mini')).toBe(0);
  });
});

describe('one faulty channel and no other', () => {
  it.each(cases)(
    '%s: one clean error in the OpenAI envelope, charged nothing',
    async (_name, fault, _outcome, stream) => {
      env.a.enqueue({ fault });
      const before = await balance();
      const reply = await chat(env.gateway, ask('gpt-4.1-mini', stream), userKey);
      expect(reply.status).toBeGreaterThanOrEqual(429);
      expect(reply.headers.get('content-type')).toContain('application/json');
      expect(Object.keys(reply.json().error).sort()).toEqual(['code', 'message', 'param', 'type']);
      if (reply.status === 429) expect(reply.headers.get('retry-after')).toBe('1');
      const log = await logRow(env.gateway, reply.headers.get('x-request-id') as string);
      expect(log).toMatchObject({ status: reply.status, attempts: 1, cost: 0 });
      expect(log.attemptsDetail).toHaveLength(1);
      expect(await balance()).toEqual(before);
    },
  );

  it('a refused connection is one 502', async () => {
    const reply = await chat(env.gateway, ask('gpt-4.1', false), userKey);
    expect(reply.status).toBe(502);
    expect(reply.json().error.code).toBe('upstream_connection_error');
  });

  it.each([
    ['a reset', { type: 'reset-mid-stream', afterChunks: 3 }],
    ['an idle gap', { type: 'hang-mid-stream', afterChunks: 3 }],
    ['malformed SSE', { type: 'malformed', afterChunks: 3 }],
    ['an in-band error', { type: 'in-band-error', afterChunks: 3, message: 'Internal' }],
  ] as Array<[string, Fault]>)(
    '%s after the first byte ends the stream with one in-band error and [DONE], charged for what was delivered',
    async (_name, fault) => {
      env.a.enqueue({ fault });
      const before = await balance();
      const reply = await chat(env.gateway, ask('gpt-4.1-mini', true), userKey);
      expect(reply.status).toBe(200);
      const events = reply.events();
      expect(streamText(events).length).toBeGreaterThan(0);
      const errors = events.filter((event) => event !== '[DONE]' && event.error);
      expect(errors).toHaveLength(1);
      expect(Object.keys(errors[0].error).sort()).toEqual(['code', 'message', 'param', 'type']);
      expect(events.at(-1)).toBe('[DONE]');
      const log = await logRow(env.gateway, reply.headers.get('x-request-id') as string);
      expect(log).toMatchObject({ status: 200, attempts: 1 });
      expect(log.errorCode).not.toBeNull();
      expect(await balance()).toEqual({ balance: before.balance - log.cost, reserved: 0 });
    },
  );
});

describe('account errors and total time', () => {
  it('reports an upstream key rejected with 401 to the health sink, and serves from the other channel', async () => {
    const disabled: string[] = [];
    const deps = env.gateway.app.deps;
    const wired = deps.health;
    deps.health = {
      autoDisableKey: (channelId, keyId, reason) => disabled.push(`${channelId}/${keyId}: ${reason}`),
      autoDisableChannel: (channelId, reason) => disabled.push(`${channelId}: ${reason}`),
    };
    try {
      env.a.enqueue({ fault: { type: 'http-error', status: 401, message: 'Incorrect API key provided: sk-…abcd.' } });
      const reply = await chat(env.gateway, ask('gpt-4o-mini', false), userKey);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-aihub-attempts')).toBe('2');
      expect(disabled).toHaveLength(1);
      expect(disabled[0]).toMatch(/^config-0-chan-a\/config-0-0: Invalid API key: HTTP 401/);
      expect(disabled[0]).toContain('Incorrect API key provided');
      const log = await logRow(env.gateway, reply.headers.get('x-request-id') as string);
      expect(log.attemptsDetail?.[0]).toMatchObject({ channel: 'chan-a', outcome: 'upstream_auth_error', status: 401 });
    } finally {
      if (wired) deps.health = wired;
      else delete deps.health;
    }
  });

  it('cuts a stream at the channel’s total time with an in-band error and [DONE]', async () => {
    env.a.enqueue({ chunkCount: 40, chunkDelayMs: 100 });
    const started = Date.now();
    const reply = await chat(env.gateway, ask('slow-model', true));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reply.status).toBe(200);
    const events = reply.events();
    expect(streamText(events).length).toBeGreaterThan(0);
    expect(events.filter((event) => event !== '[DONE]' && event.error).map((event) => event.error.code)).toEqual([
      'upstream_total_timeout',
    ]);
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('answers 504 when the total time runs out before the first byte', async () => {
    env.a.enqueue({ headersDelayMs: 3_000 });
    const reply = await chat(env.gateway, ask('slow-model', false));
    expect(reply.status).toBe(504);
    expect(reply.json().error.code).toBe('upstream_total_timeout');
  });
});

describe('selection across channels', () => {
  it('shares a priority tier by weight: 3:1 over 1,000 conversations', async () => {
    // Each request its own conversation: sticky routing keeps one conversation's turns together,
    // so weights share conversations, not the turns of one.
    const body = (index: number) => ({
      ...ask('gpt-4.1-nano', false),
      messages: [{ role: 'user', content: `Story ${index}` }],
    });
    for (let batch = 0; batch < 20; batch++) {
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, index) => chat(env.gateway, body(batch * 50 + index))),
      );
      for (const reply of replies) expect(reply.status).toBe(200);
    }
    const heavy = received(env.a, 'gpt-4.1-nano');
    const light = received(env.b, 'gpt-4.1-nano');
    expect(heavy + light).toBe(1000);
    // 75% expected; ±5% is over three and a half standard deviations of a binomial(1000, 0.75).
    expect(heavy / 1000).toBeGreaterThan(0.7);
    expect(heavy / 1000).toBeLessThan(0.8);
  });

  it('opens the breaker after 5 failures in a row: A is then left alone, B answers in one attempt', async () => {
    for (let i = 0; i < 5; i++) env.a.enqueue({ fault: { type: 'http-error', status: 500 } });
    for (let i = 0; i < 5; i++) {
      expect((await chat(env.gateway, ask('gpt-4o-mini', false))).headers.get('x-aihub-attempts')).toBe('2');
    }
    const after = await chat(env.gateway, ask('gpt-4o-mini', false));
    expect(after.headers.get('x-aihub-attempts')).toBe('1');
    expect(after.json().choices[0].message.content).toContain('Hello from B emulator');
    expect(received(env.a, 'gpt-4o-mini')).toBe(5);
    expect(env.gateway.app.deps.routeHealth.snapshot().openBreakers).toEqual([
      expect.objectContaining({ channelId: 'config-0-chan-a', model: 'gpt-4o-mini', state: 'open' }),
    ]);
  });

  it('honours retry-after: the rate-limited key is left alone until its cooldown passes', async () => {
    env.a.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 2 } });
    const limitedAt = Date.now();
    const first = await chat(env.gateway, ask('gpt-4o-mini', false));
    expect(first.headers.get('x-aihub-attempts')).toBe('2');
    for (let i = 0; i < 5; i++) {
      const reply = await chat(env.gateway, ask('gpt-4o-mini', false));
      expect(reply.headers.get('x-aihub-attempts')).toBe('1');
      expect(reply.json().choices[0].message.content).toContain('Hello from B emulator');
    }
    expect(received(env.a, 'gpt-4o-mini')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, limitedAt + 2_100 - Date.now())));
    const recovered = await chat(env.gateway, ask('gpt-4o-mini', false));
    expect(recovered.json().choices[0].message.content).toContain('Hello from A emulator');
    expect(received(env.a, 'gpt-4o-mini')).toBe(2);
  });
});
