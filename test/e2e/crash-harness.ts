/**
 * What the kill -9 tests share: a gateway process's environment on a fresh data directory (and,
 * for PostgreSQL, a schema of its own), short heart-beat and orphan timings so a killed process's
 * holds are swept within seconds, and a poll for what the restarted process settles.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/database.js';
import { TEST_POSTGRES_URL } from '../db-harness.js';

export interface CrashEnvironment {
  /** The gateway's environment (pass to startCli). */
  env: Record<string, string>;
  /** Opens the gateway's database from the test (close it after). */
  openDatabase(): Promise<Store>;
  /** Removes the data directory and the schema. */
  remove(): Promise<void>;
}

export function crashEnvironment(
  database: 'sqlite' | 'postgres',
  options: { adminKey: string; anthropicBaseUrl: string; name: string },
): CrashEnvironment {
  const dataDir = mkdtempSync(join(tmpdir(), `aihub-${options.name}-`));
  const schema = database === 'postgres' ? `aihub_${options.name}_${randomBytes(6).toString('hex')}` : undefined;
  const env: Record<string, string> = {
    AIHUB_ADMIN_KEY: options.adminKey,
    AIHUB_DATA_DIR: dataDir,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: options.anthropicBaseUrl,
    AIHUB_HEARTBEAT_MS: '200',
    AIHUB_ORPHAN_AFTER_MS: '1000',
    AIHUB_ORPHAN_SWEEP_MS: '300',
    ...(schema ? { DATABASE_URL: TEST_POSTGRES_URL, AIHUB_DATABASE_SCHEMA: schema } : {}),
  };
  return {
    env,
    openDatabase: () => openStore({ url: env.DATABASE_URL, dataDir, ...(schema ? { schema } : {}) }),
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
      if (!schema) return;
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** Polls `probe` every 100 ms until it returns a value, or fails after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
