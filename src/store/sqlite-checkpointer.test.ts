import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openStore } from './database.js';
import { startCheckpointer, WAL_RESTART_FRAMES } from './sqlite-checkpointer.js';

it('with background checkpoints, commits never checkpoint and a worker moves the WAL into the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-ckpt-'));
  const store = await openStore({ url: `sqlite:${join(dir, 'db.sqlite')}`, dataDir: dir, backgroundCheckpoints: true });
  try {
    if (store.raw.dialect !== 'sqlite') throw new Error('expected SQLite');
    const connection = store.raw.connection;
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const pageSize = connection.pragma('page_size', { simple: true }) as number;
    expect(connection.pragma('journal_size_limit', { simple: true })).toBe(WAL_RESTART_FRAMES * pageSize);
    connection.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
    const before = statSync(join(dir, 'db.sqlite')).size;
    const insert = connection.prepare('INSERT INTO filler (body) VALUES (?)');
    // ~4 MB of pages: far past the 1000 pages after which a commit would checkpoint by default.
    connection.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(2000));
    })();
    expect(statSync(join(dir, 'db.sqlite')).size).toBe(before);
    await expect
      .poll(() => statSync(join(dir, 'db.sqlite')).size, { timeout: 5000, interval: 100 })
      .toBeGreaterThan(before + 3_000_000);
    // Still one consistent database through Kysely.
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM filler`.execute(store.db);
    expect(rows[0]?.n).toBe(2000);
  } finally {
    await store.close();
  }
});

/**
 * Commits for `ms` as the gateway under load makes them (one small transaction, with an index to
 * update, in every turn of the event loop) beside a checkpointer, and returns the WAL's largest size.
 */
async function largestWalUnderSteadyWrites(restartFrames: number, ms: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-ckpt-'));
  const file = join(dir, 'db.sqlite');
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('wal_autocheckpoint = 0');
  connection.pragma(`journal_size_limit = ${restartFrames * 4096}`);
  const checkpointer = startCheckpointer(file, { everyMs: 20, restartFrames });
  const wal = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  try {
    connection.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
    connection.exec('CREATE INDEX filler_body ON filler (body)');
    const insert = connection.prepare('INSERT INTO filler (body) VALUES (?)');
    const write = connection.transaction(() => {
      for (let i = 0; i < 2; i++) insert.run(String(Math.random()).repeat(20));
    });
    let largest = 0;
    let commits = 0;
    for (const until = Date.now() + ms; Date.now() < until; commits++) {
      write();
      largest = Math.max(largest, wal());
      await new Promise((resolve) => setImmediate(resolve));
    }
    const { n } = connection.prepare('SELECT count(*) AS n FROM filler').get() as { n: number };
    expect(n).toBe(commits * 2);
    return largest;
  } finally {
    await checkpointer.stop();
    connection.close();
  }
}

it('under commits that never pause, the WAL still rewinds instead of growing with every write', async () => {
  const limit = 256 * 4096; // 1 MB
  // PASSIVE passes alone: every pass finds a commit that landed meanwhile, so the WAL never rewinds
  // (about 350 MB in 2 s here).
  const passiveOnly = await largestWalUnderSteadyWrites(Number.MAX_SAFE_INTEGER, 1500);
  expect(passiveOnly).toBeGreaterThan(40 * limit);
  // With the RESTART once 256 frames pile up: about 30 MB at this rate (thousands of commits a
  // second, ten times the gateway's), bounded by how much lands between two ticks.
  const withRestart = await largestWalUnderSteadyWrites(256, 1500);
  expect(withRestart).toBeLessThan(passiveOnly / 4);
});
