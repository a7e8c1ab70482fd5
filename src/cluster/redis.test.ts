import { afterAll, expect, it } from 'vitest';
import { describeRedis, TEST_REDIS_URL } from '../../test/cluster/redis-harness.js';
import { checkRedis, closeRedis, isRedisReady, waitForRedis } from './redis.js';
import { createRedis } from './redis-connection.js';

describeRedis('createRedis', () => {
  const client = createRedis(TEST_REDIS_URL, { connectionName: 'aihub-test-redis' });
  afterAll(() => closeRedis(client));

  it('connects at once and reports health', async () => {
    await waitForRedis(client);
    expect(isRedisReady(client)).toBe(true);
    const health = await checkRedis(client);
    expect(health.ok).toBe(true);
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    expect(await client.client('GETNAME')).toBe('aihub-test-redis');
  });
});

it('reports an unreachable Redis without throwing, and fails commands quickly', async () => {
  // Port 1 refuses connections.
  const client = createRedis('redis://127.0.0.1:1', { commandTimeoutMs: 200, maxRetriesPerRequest: 1 });
  try {
    expect(isRedisReady(client)).toBe(false);
    const health = await checkRedis(client, 300);
    expect(health.ok).toBe(false);
    await expect(waitForRedis(client, 300)).rejects.toThrow(/not reachable/);
  } finally {
    await closeRedis(client);
  }
});
