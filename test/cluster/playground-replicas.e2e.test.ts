/**
 * The playground credential across two replicas on one PostgreSQL and one Redis: minted on one,
 * it works on the other as soon as the config bus has told it (like any new key), the other hands
 * out the same key for the same session, and a logout on either revokes it on both.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { TEST_POSTGRES_URL } from '../db-harness.js';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import { asUser, register, type Session } from '../e2e/platform-client.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { describeRedis, TEST_REDIS_URL } from './redis-harness.js';

interface Replica {
  app: App;
  origin: string;
  dataDir: string;
}

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
  const schema = `aihub_playground_${randomBytes(6).toString('hex')}`;
  let upstream: Emulator;
  const replicas: Replica[] = [];

  async function startReplica(): Promise<Replica> {
    const dataDir = mkdtempSync(join(tmpdir(), 'aihub-playground-'));
    const app = await createApp({
      env: {
        AIHUB_ADMIN_KEY: ADMIN_KEY,
        AIHUB_DATA_DIR: dataDir,
        DATABASE_URL: TEST_POSTGRES_URL,
        AIHUB_DATABASE_SCHEMA: schema,
        REDIS_URL: TEST_REDIS_URL,
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: upstream.url,
      },
      logger: pino({ level: 'silent' }),
    });
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { app, origin: `http://127.0.0.1:${port}`, dataDir };
  }

  beforeAll(async () => {
    upstream = await startOpenAIEmulator();
    replicas.push(await startReplica()); // the first migrates the schema
    replicas.push(await startReplica());
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) {
      await replica.app.close();
      rmSync(replica.dataDir, { recursive: true, force: true });
    }
    await upstream?.close();
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
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
