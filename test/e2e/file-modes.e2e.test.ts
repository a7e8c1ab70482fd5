/**
 * What AIHub writes to disk is readable by its own user only, whatever the umask: the data
 * directory 0700; the SQLite database, its WAL and shared-memory files, the secret key and the
 * generated admin key's hash 0600. Checked on a real start (createApp, SQLite) under umask 000.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Starts and stops AIHub on `dataDir` with no admin key set (so it generates one), returning its log lines. */
async function startAndStop(dataDir: string): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = await createApp({ env: { AIHUB_DATA_DIR: dataDir }, logger: pino({ level: 'warn' }, sink) });
  // A write after the migrations, so the WAL holds something when the modes are read.
  await app.store.db.updateTable('users').set({ updated_at: 1 }).where('id', '=', 'none').execute();
  await app.close();
  return lines;
}

describe('file modes of the data directory', () => {
  let root: string;
  let previousUmask: number;

  beforeAll(() => {
    previousUmask = process.umask(0);
    root = mkdtempSync(join(tmpdir(), 'aihub-modes-'));
  });

  afterAll(() => {
    process.umask(previousUmask);
    rmSync(root, { recursive: true, force: true });
  });

  it('a fresh data directory under umask 000 is 0700 and every file AIHub writes in it 0600', async () => {
    const dataDir = join(root, 'fresh', 'data');
    const app = await createApp({ env: { AIHUB_DATA_DIR: dataDir }, logger: pino({ level: 'silent' }) });
    try {
      await app.store.db.updateTable('users').set({ updated_at: 1 }).where('id', '=', 'none').execute();
      expect(app.generatedAdminKey).toBeDefined();
      const modes = Object.fromEntries(
        ['aihub.sqlite', 'aihub.sqlite-wal', 'aihub.sqlite-shm', 'secret.key', 'admin-key.sha256'].map((name) => [
          name,
          mode(join(dataDir, name)).toString(8),
        ]),
      );
      expect(mode(dataDir).toString(8)).toBe('700');
      expect(modes).toEqual({
        'aihub.sqlite': '600',
        'aihub.sqlite-wal': '600',
        'aihub.sqlite-shm': '600',
        'secret.key': '600',
        'admin-key.sha256': '600',
      });
    } finally {
      await app.close();
    }
  });

  it('an older data directory left open to others is tightened at start, and each change is logged', async () => {
    const dataDir = join(root, 'older');
    mkdirSync(dataDir, { mode: 0o755 });
    await startAndStop(dataDir);
    // What an older version left behind: everything readable by anyone.
    chmodSync(dataDir, 0o755);
    const files = readdirSync(dataDir);
    for (const name of files) chmodSync(join(dataDir, name), 0o644);
    writeFileSync(join(dataDir, 'notes.txt'), 'an operator file, not ours', { mode: 0o644 });

    const lines = await startAndStop(dataDir);

    expect(mode(dataDir)).toBe(0o700);
    for (const name of files) expect([name, mode(join(dataDir, name))]).toEqual([name, 0o600]);
    expect(mode(join(dataDir, 'notes.txt'))).toBe(0o644);
    const tightened = lines.filter((line) => line.kind === 'tightened').map((line) => [line.path, line.from, line.to]);
    expect(tightened).toEqual(
      expect.arrayContaining([
        [dataDir, '0755', '0700'],
        ...files.map((name) => [join(dataDir, name), '0644', '0600']),
      ]),
    );
  });
});
