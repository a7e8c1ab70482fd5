/**
 * AIHUB_REDIS_PREFIX end to end: three gateways on one PostgreSQL schema and one Redis, two of them
 * ("blue") with one prefix and the third ("green") with another. Blue's replicas share their limits,
 * cached answers and configuration changes; green shares none of them, although it serves the very
 * same keys and users (same database), so only the prefix keeps them apart.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKey, register, type Session } from '../e2e/platform-client.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { describeRedis } from './redis-harness.js';
import { type Replica, replicaCluster } from './replica-harness.js';

const CHAT = { model: 'gpt-4.1-mini', max_tokens: 5, messages: [{ role: 'user', content: 'the same question' }] };

async function chat(replica: Replica, key: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${replica.origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(CHAT),
  });
  await response.arrayBuffer();
  return { status: response.status, cache: response.headers.get('x-aihub-cache') };
}

async function status(replica: Replica, key: string): Promise<number> {
  const response = await fetch(`${replica.origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  await response.arrayBuffer();
  return response.status;
}

describeRedis('AIHUB_REDIS_PREFIX across gateways sharing one Redis', () => {
  const cluster = replicaCluster('prefix', () => upstream.url);
  let upstream: Emulator;
  let blueA: Replica;
  let blueB: Replica;
  let green: Replica;
  let user: Session;
  let limitedKey: string;

  beforeAll(async () => {
    upstream = await startOpenAIEmulator();
    blueA = await cluster.start();
    user = await register(blueA, 'prefix@example.com');
    // Created before the others start, so every gateway loads it from the database.
    limitedKey = (await createKey(blueA, user, { rpmLimit: 2 })).key;
    blueB = await cluster.start();
    green = await cluster.start({ AIHUB_REDIS_PREFIX: `${cluster.redisPrefix}green:` });
  }, 60_000);

  afterAll(async () => {
    await cluster.close();
    await upstream?.close();
  });

  it('two gateways with different prefixes on one Redis do not share limits, cache entries or config changes; the same prefix does', async () => {
    // Limits: 2 requests a minute for this key, counted per prefix.
    const blue = [await chat(blueA, limitedKey), await chat(blueB, limitedKey), await chat(blueA, limitedKey)];
    expect(blue.map((reply) => reply.status)).toEqual([200, 200, 429]);
    const greens = [await chat(green, limitedKey), await chat(green, limitedKey), await chat(green, limitedKey)];
    expect(greens.map((reply) => reply.status)).toEqual([200, 200, 429]);

    // Cache: the same question by the same user.
    const { key } = await createKey(blueA, user);
    const cached = { 'x-aihub-cache': 'on' };
    await expect.poll(() => status(blueB, key), { timeout: 5000 }).toBe(200);
    expect((await chat(blueA, key, cached)).cache).toBe('miss');
    expect((await chat(blueB, key, cached)).cache).toBe('hit');
    expect((await chat(green, limitedKey, cached)).status).toBe(429); // still limited: green's own window

    // Config changes: the key created on blue reached blue's other replica over the bus (above),
    // long before now; green, listening under its own prefix, never heard of it (gateways learn
    // of new keys from the bus only), while a key created on green itself works there.
    expect(await status(green, key)).toBe(401);
    const greenKey = (await createKey(green, user)).key;
    expect(await status(green, greenKey)).toBe(200);
  });
});
