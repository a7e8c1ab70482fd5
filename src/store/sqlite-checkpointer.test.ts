import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openStore } from './database.js';

it('with background checkpoints, commits never checkpoint and a worker moves the WAL into the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-ckpt-'));
  const store = await openStore({ url: `sqlite:${join(dir, 'db.sqlite')}`, dataDir: dir, backgroundCheckpoints: true });
  try {
    if (store.raw.dialect !== 'sqlite') throw new Error('expected SQLite');
    const connection = store.raw.connection;
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
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
