/**
 * The scale scenario's data: 100,000 API keys (for 1,000 other users) inserted straight into the
 * database with the gateway's own key format and hashing (src/accounts/api-key-format.ts), and
 * 1,000 channels declared in an AIHUB_CONFIG YAML file. The point is load on the in-memory
 * indexes (key cache, model router), not the key-creation API, so batch inserts are fine.
 */
import { writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { stringify } from 'yaml';
import { apiKeyHint, generateApiKey, hashApiKey } from '../src/accounts/api-key-format.js';
import catalog from '../src/catalog/catalog.generated.json' with { type: 'json' };
import { newId } from '../src/platform/ids.js';

const KEYS_PER_USER = 100;

interface Rows {
  users: unknown[][];
  keys: unknown[][];
}

function makeRows(keyCount: number, now: number): Rows {
  const users: unknown[][] = [];
  const keys: unknown[][] = [];
  let userId = '';
  for (let i = 0; i < keyCount; i++) {
    if (i % KEYS_PER_USER === 0) {
      userId = newId('usr');
      users.push([userId, `bench-scale-${i / KEYS_PER_USER}@example.com`, 'user', 'default', 'active', 0, 0, now, now]);
    }
    const key = generateApiKey();
    keys.push([newId('key'), userId, `scale ${i}`, hashApiKey(key), apiKeyHint(key), 0, 0, 'enabled', now, now]);
  }
  return { users, keys };
}

const USER_COLUMNS = 'id, email, role, group_name, status, balance, reserved, created_at, updated_at';
const KEY_COLUMNS = 'id, user_id, name, key_hash, key_hint, used, reserved, status, created_at, updated_at';

/** Inserts the keys into the SQLite file (the gateway must not be running yet). */
export function insertKeysSqlite(file: string, keyCount: number): void {
  const rows = makeRows(keyCount, Date.now());
  const db = new SQLite(file);
  try {
    const user = db.prepare(`INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const key = db.prepare(`INSERT INTO api_keys (${KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    db.transaction(() => {
      for (const row of rows.users) user.run(...row);
      for (const row of rows.keys) key.run(...row);
    })();
  } finally {
    db.close();
  }
}

/** Inserts the keys into PostgreSQL (in `schema`), in batches of multi-row inserts. */
export async function insertKeysPostgres(url: string, schema: string, keyCount: number): Promise<void> {
  const rows = makeRows(keyCount, Date.now());
  const client = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const [table, columns, list] of [
      ['users', USER_COLUMNS, rows.users],
      ['api_keys', KEY_COLUMNS, rows.keys],
    ] as const) {
      for (let start = 0; start < list.length; start += 2000) {
        const batch = list.slice(start, start + 2000);
        const width = batch[0].length;
        const values = batch
          .map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`)
          .join(', ');
        await client.query(`INSERT INTO ${table} (${columns}) VALUES ${values}`, batch.flat());
      }
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/**
 * A config file with `count` OpenAI-type channels on the emulator. Each serves three catalog
 * models and two of its own; every 100th also serves the benchmark's model (gpt-4o-mini), so the
 * request routes among count/100 channels (plus the env channel) instead of one.
 */
export function writeChannelsConfig(file: string, count: number, openaiUrl: string): void {
  const ids = (catalog as { models: Array<{ id: string; mode?: string }> }).models
    .filter((model) => model.mode === 'chat')
    .map((model) => model.id);
  const channels = Array.from({ length: count }, (_, i) => ({
    name: `bench-${i}`,
    type: 'openai',
    base_url: openaiUrl,
    key: 'test-key',
    models: [
      ...(i % 100 === 0 ? ['gpt-4o-mini'] : []),
      ids[(i * 3) % ids.length],
      ids[(i * 3 + 1) % ids.length],
      ids[(i * 3 + 2) % ids.length],
      `bench-${i}-a`,
      `bench-${i}-b`,
    ],
  }));
  writeFileSync(file, stringify({ channels }));
}
