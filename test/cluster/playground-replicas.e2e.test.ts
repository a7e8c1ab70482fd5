/**
 * The playground credential across two replicas on one PostgreSQL and one Redis: minted on one,
 * it works on the other as soon as the config bus has told it (like any new key), the other hands
 * out the same key for the same session, and a logout on either revokes it on both.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asUser, register, type Session } from '../e2e/platform-client.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { describeRedis } from './redis-harness.js';
import { type Replica, replicaCluster } from './replica-harness.js';

async function statusOf(replica: Replica, key: string): Promise<number> {
  const response = await fetch(`${replica.origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4.1-mini', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Polls until the replica answers `status` for the key (the bus takes milliseconds, not seconds). */
async function eventually(replica: Replica, key: string, status: number): Promise<void> {
  let last = 0;
  for (let i = 0; i < 100; i++) {
    last = await statusOf(replica, key);
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`expected ${status} from ${replica.origin}, still ${last}`);
}

describeRedis('playground credential on two replicas (PostgreSQL + Redis)', () => {
  const cluster = replicaCluster('playground', () => upstream.url);
  let upstream: Emulator;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    upstream = await startOpenAIEmulator();
    replicas.push(await cluster.start()); // the first migrates the schema
    replicas.push(await cluster.start());
  }, 60_000);

  afterAll(async () => {
    await cluster.close();
    await upstream?.close();
  });

  it('works on the other replica, is the same key there, and a logout revokes it on both', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const session: Session = await register(a, 'playground-cluster@example.com');
    const issued = await asUser(a, session, 'POST', '/api/playground/credential');
    expect(issued.status).toBe(200);
    const { key } = issued.json as { key: string };
    expect(await statusOf(a, key)).toBe(200);
    await eventually(b, key, 200);

    const fromB = await asUser(b, session, 'POST', '/api/playground/credential');
    expect(fromB.json.key).toBe(key);

    expect((await asUser(b, session, 'POST', '/api/auth/logout')).status).toBe(204);
    expect(await statusOf(b, key)).toBe(401);
    await eventually(a, key, 401);
  });
});
