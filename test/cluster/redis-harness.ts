/**
 * Tests against the real Redis (`AIHUB_TEST_REDIS_URL`, default redis://127.0.0.1:6379), each in a
 * key prefix of its own that is deleted afterwards. In CI a missing Redis is an error; elsewhere a
 * visible skip (like test/db-harness.ts for PostgreSQL).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { closeRedis, waitForRedis } from '../../src/cluster/redis.js';
import { createRedis } from '../../src/cluster/redis-connection.js';

export const TEST_REDIS_URL = process.env.AIHUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function canReachRedis(): Promise<boolean> {
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export const redisAvailable = await canReachRedis();

/** `describe` that needs Redis: an error in CI when it is missing, a titled skip elsewhere. */
export function describeRedis(name: string, body: () => void): void {
  if (!redisAvailable) {
    if (process.env.CI) throw new Error(`Redis is required in CI but not reachable at ${TEST_REDIS_URL}`);
    describe.skip(`${name} [SKIPPED: Redis not reachable at ${TEST_REDIS_URL}]`, body);
    return;
  }
  describe(name, body);
}

/** A fresh prefix such as `aihub-test:3f9a…:`. */
export function testPrefix(): string {
  return `aihub-test:${randomBytes(6).toString('hex')}:`;
}

/** A connection made like the app makes it; `closeRedis` it after. */
export function testRedis(): Redis {
  return createRedis(TEST_REDIS_URL, { connectionName: 'aihub-test' });
}

/** Resolves once every connection is ready (commands issued before would fail open in the limiters). */
export async function readyRedis(...clients: Redis[]): Promise<void> {
  await Promise.all(clients.map((client) => waitForRedis(client)));
}

/** Deletes every key under `prefix` (SCAN, never KEYS) and closes the given connections. */
export async function cleanupRedis(prefix: string, ...clients: Redis[]): Promise<void> {
  const admin = testRedis();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await admin.del(...keys);
    } while (cursor !== '0');
  } finally {
    await closeRedis(admin);
    await Promise.all(clients.map((client) => closeRedis(client)));
  }
}
