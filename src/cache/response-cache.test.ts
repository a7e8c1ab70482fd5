import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupRedis, describeRedis, readyRedis, testPrefix, testRedis } from '../../test/cluster/redis-harness.js';
import { closeRedis } from '../cluster/redis.js';
import { createRedis } from '../cluster/redis-connection.js';
import type { ClientConnection } from '../relay/client-connection.js';
import { MemoryCacheStore, RedisCacheStore } from './cache-store.js';
import type { CacheLookup, CacheMiss, CachePolicy } from './cache-types.js';
import { captureConnection, replayAnswer, withResponseHeaders } from './capture-connection.js';
import { createResponseCache, ResponseCache } from './response-cache.js';

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
};
const sse = [
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] })}\n\n`,
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
  'data: [DONE]\n\n',
];

/** A client connection that records what it was sent. */
function fakeClient() {
  const sent: { status?: number; headers?: Record<string, string>; body?: unknown; frames: string[]; ended: boolean } =
    {
      frames: [],
      ended: false,
    };
  const controller = new AbortController();
  const client: ClientConnection = {
    signal: controller.signal,
    sendJson(status, headers, body) {
      Object.assign(sent, { status, headers, body, ended: true });
    },
    startStream(headers) {
      Object.assign(sent, { status: 200, headers });
    },
    async write(text) {
      sent.frames.push(text);
    },
    end() {
      sent.ended = true;
    },
  };
  return { client, sent, controller };
}

let serial = 0;
const nextCaller = () => ({ userId: `usr_${++serial}`, keyId: `key_${serial}` });
const ask = { 'x-aihub-cache': 'on' };
const body = (content = 'hello') => ({ model: 'gpt-4o', messages: [{ role: 'user', content }] });

/** The relay's part: answers through the (capturing) connection. */
function answerJson(cache: ResponseCache, miss: CacheMiss) {
  const capture = cache.capture(miss);
  const { client } = fakeClient();
  captureConnection(client, capture).sendJson(200, { 'x-aihub-model': 'gpt-4o' }, completion);
  return capture;
}

function cacheSuite(
  make: (policy?: Partial<CachePolicy>) => { cache: ResponseCache; advance: (ms: number) => Promise<void> },
) {
  it('misses, stores a complete JSON answer, then hits (per user); bypasses when not asked', async () => {
    const { cache } = make();
    const caller = nextCaller();
    expect(await cache.lookup({ body: body(), headers: {} }, caller)).toEqual({ status: 'bypass' });
    const miss = (await cache.lookup({ body: body(), headers: ask }, caller)) as CacheMiss;
    expect(miss).toMatchObject({ status: 'miss', ttlSeconds: 300, mode: 'json' });
    expect(await cache.store(miss, answerJson(cache, miss), { cost: 1234 })).toBe(true);

    const hit = await cache.lookup(
      { body: { messages: body().messages, model: 'gpt-4o', user: 'x' }, headers: ask },
      caller,
    );
    expect(hit.status).toBe('hit');
    const answer = (hit as Extract<CacheLookup, { status: 'hit' }>).answer;
    expect(JSON.parse(answer.body)).toEqual(completion);
    expect(answer).toMatchObject({ mode: 'json', headers: { 'x-aihub-model': 'gpt-4o' }, cost: 1234 });
    expect(cache.hitCost(answer)).toBe(0); // free by default

    // Another user, another question, or the stream mode: misses.
    expect((await cache.lookup({ body: body(), headers: ask }, nextCaller())).status).toBe('miss');
    expect((await cache.lookup({ body: body('other'), headers: ask }, caller)).status).toBe('miss');
    expect((await cache.lookup({ body: { ...body(), stream: true }, headers: ask }, caller)).status).toBe('miss');
    // A key of the same user shares the user's entries (scope `user`).
    expect((await cache.lookup({ body: body(), headers: ask }, { ...caller, keyId: 'key_other' })).status).toBe('hit');
    // `refresh` does not read.
    expect((await cache.lookup({ body: body(), headers: { 'x-aihub-cache': 'refresh' } }, caller)).status).toBe('miss');
  });

  it('stores and replays a stream frame by frame', async () => {
    const { cache } = make();
    const caller = nextCaller();
    const request = { body: { ...body(), stream: true }, headers: ask };
    const miss = (await cache.lookup(request, caller)) as CacheMiss;
    expect(miss.mode).toBe('stream');
    const capture = cache.capture(miss);
    const first = fakeClient();
    const connection = captureConnection(withResponseHeaders(first.client, { 'x-aihub-cache': 'miss' }), capture);
    connection.startStream({ 'x-aihub-provider': 'openai' });
    for (const frame of sse) await connection.write(frame);
    connection.end();
    expect(first.sent.headers).toEqual({ 'x-aihub-provider': 'openai', 'x-aihub-cache': 'miss' });
    expect(await cache.store(miss, capture)).toBe(true);

    const hit = await cache.lookup(request, caller);
    expect(hit.status).toBe('hit');
    const replay = fakeClient();
    await replayAnswer(replay.client, (hit as Extract<CacheLookup, { status: 'hit' }>).answer, {
      'x-aihub-cache': 'hit',
    });
    expect(replay.sent.frames).toEqual(sse);
    expect(replay.sent.ended).toBe(true);
    expect(replay.sent.headers).toMatchObject({ 'x-aihub-provider': 'openai', 'x-aihub-cache': 'hit' });
    expect(replay.sent.headers?.['x-aihub-cache-age']).toMatch(/^\d+$/);
  });

  it('never stores errors or incomplete streams', async () => {
    const { cache } = make();
    const caller = nextCaller();
    const jsonMiss = (await cache.lookup({ body: body('e'), headers: ask }, caller)) as CacheMiss;
    const failed = cache.capture(jsonMiss);
    captureConnection(fakeClient().client, failed).sendJson(429, {}, { error: { message: 'slow down' } });
    expect(await cache.store(jsonMiss, failed)).toBe(false);
    expect((await cache.lookup({ body: body('e'), headers: ask }, caller)).status).toBe('miss');

    const streamMiss = (await cache.lookup(
      { body: { ...body('s'), stream: true }, headers: ask },
      caller,
    )) as CacheMiss;
    const cut = cache.capture(streamMiss);
    const connection = captureConnection(fakeClient().client, cut);
    connection.startStream({});
    await connection.write(sse[0] as string);
    await connection.write(`data: ${JSON.stringify({ error: { message: 'upstream reset' } })}\n\n`);
    await connection.write('data: [DONE]\n\n');
    connection.end();
    expect(await cache.store(streamMiss, cut)).toBe(false);
    expect((await cache.lookup({ body: { ...body('s'), stream: true }, headers: ask }, caller)).status).toBe('miss');
  });

  it('expires entries after their TTL', async () => {
    const { cache, advance } = make();
    const caller = nextCaller();
    const request = { body: body('ttl'), headers: { 'x-aihub-cache-ttl': '1' } };
    const miss = (await cache.lookup(request, caller)) as CacheMiss;
    await cache.store(miss, answerJson(cache, miss));
    expect((await cache.lookup(request, caller)).status).toBe('hit');
    await advance(1100);
    expect((await cache.lookup(request, caller)).status).toBe('miss');
  });

  it('bills hits as configured and caches by default for opted-in callers', async () => {
    const vip = nextCaller();
    const { cache } = make({
      hitChargePpm: 250_000,
      callerTtlSeconds: (c) => (c.userId === vip.userId ? 60 : undefined),
    });
    const miss = (await cache.lookup({ body: body('bill'), headers: {} }, vip)) as CacheMiss;
    expect(miss).toMatchObject({ status: 'miss', ttlSeconds: 60 });
    await cache.store(miss, answerJson(cache, miss), { cost: 1001 });
    const hit = await cache.lookup({ body: body('bill'), headers: {} }, vip);
    expect(cache.hitCost((hit as Extract<CacheLookup, { status: 'hit' }>).answer)).toBe(250); // 250.25 → 250
    expect((await cache.lookup({ body: body('bill'), headers: { 'x-aihub-cache': 'off' } }, vip)).status).toBe(
      'bypass',
    );
    expect((await cache.lookup({ body: body('bill'), headers: {} }, nextCaller())).status).toBe('bypass');
  });
}

describe('ResponseCache [memory]', () => {
  cacheSuite((policy) => {
    let now = 1_700_000_000_000;
    const cache = new ResponseCache({ store: new MemoryCacheStore({ now: () => now }), policy, now: () => now });
    return {
      cache,
      advance: async (ms) => {
        now += ms;
      },
    };
  });

  it('replays JSON with its age, and stops replaying a stream when the client goes away', async () => {
    const json = fakeClient();
    const answer = {
      v: 1 as const,
      mode: 'json' as const,
      body: JSON.stringify(completion),
      headers: {},
      createdAt: 1_000,
    };
    await replayAnswer(json.client, answer, { 'x-aihub-cache': 'hit' }, 43_999);
    expect(json.sent).toMatchObject({
      status: 200,
      body: completion,
      headers: { 'x-aihub-cache-age': '42', 'x-aihub-cache': 'hit' },
    });

    const stream = fakeClient();
    const original = stream.client.write;
    stream.client.write = async (text) => {
      await original(text);
      stream.controller.abort();
    };
    await replayAnswer(stream.client, { ...answer, mode: 'stream', body: sse.join('') }, {});
    expect(stream.sent.frames).toEqual([sse[0]]);
  });

  it('stays within its byte budget, evicting the least recently used', async () => {
    const store = new MemoryCacheStore({ maxBytes: 10_000 });
    for (let i = 0; i < 50; i++) await store.set(`k${i}`, 'x'.repeat(1000), 60_000);
    expect(store.bytes).toBeLessThanOrEqual(10_000);
    expect(await store.get('k0')).toBeUndefined();
    expect(await store.get('k49')).toBeDefined();
  });

  it('ignores bodies that are not JSON objects', async () => {
    const cache = createResponseCache({});
    expect(await cache.lookup({ body: 'text', headers: ask }, nextCaller())).toEqual({ status: 'bypass' });
    expect(await cache.lookup({ body: [1], headers: ask }, nextCaller())).toEqual({ status: 'bypass' });
  });

  it('a failing store means misses, never errors', async () => {
    const redis = createRedis('redis://127.0.0.1:1', { commandTimeoutMs: 100 });
    const errors: unknown[] = [];
    try {
      const cache = createResponseCache({ redis, onStoreError: (e) => errors.push(e) });
      const miss = (await cache.lookup({ body: body(), headers: ask }, nextCaller())) as CacheMiss;
      expect(miss.status).toBe('miss');
      expect(await cache.store(miss, answerJson(cache, miss))).toBe(false);
      expect(errors).toHaveLength(2);
    } finally {
      await closeRedis(redis);
    }
  });
});

describeRedis('ResponseCache [redis]', () => {
  const prefix = testPrefix();
  const redisA = testRedis();
  const redisB = testRedis();
  beforeAll(() => readyRedis(redisA, redisB));
  afterAll(() => cleanupRedis(prefix, redisA, redisB));

  cacheSuite((policy) => ({
    cache: new ResponseCache({ store: new RedisCacheStore(redisA, `${prefix}cache`), policy }),
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }));

  it('an answer stored by one replica is a hit on another', async () => {
    const a = createResponseCache({ redis: redisA, keyPrefix: `${prefix}cache` });
    const b = createResponseCache({ redis: redisB, keyPrefix: `${prefix}cache` });
    const caller = nextCaller();
    const miss = (await a.lookup({ body: body('shared'), headers: ask }, caller)) as CacheMiss;
    await a.store(miss, answerJson(a, miss));
    expect((await b.lookup({ body: body('shared'), headers: ask }, caller)).status).toBe('hit');
    const ttl = await redisA.pttl(`${prefix}cache:${miss.key}`);
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });
});
