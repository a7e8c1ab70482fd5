import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { cliRunner } from '../test-fixtures.js';

describe('aihub backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-backup-'));
  const file = join(dir, 'aihub.sqlite');
  const env = { DATABASE_URL: `sqlite:${file}`, AIHUB_DATA_DIR: dir };
  const aihub = cliRunner(() => env);
  const emails = async () =>
    (await aihub(['users', 'list', '--json']))
      .json<{ data: Array<{ email: string }> }>()
      .data.map((user) => user.email)
      .sort();

  it('backs up while the database is open, restores it, and keeps the replaced database', async () => {
    expect((await aihub(['users', 'create', 'kept@example.com', '--balance', '3'])).code).toBe(0);
    // A server holding the database open (and writing) while the copy is made.
    const server = await openStore({ url: `sqlite:${file}`, dataDir: dir });
    const backupFile = join(dir, 'copy.sqlite');
    try {
      await migrateToLatest(server.db);
      const run = await aihub(['backup', backupFile, '--json']);
      expect(run.code).toBe(0);
      expect(run.json()).toMatchObject({ file: backupFile, integrity: 'ok' });
      expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    } finally {
      await server.close();
    }
    expect((await aihub(['backup', backupFile])).code).toBe(1); // never overwrites

    expect((await aihub(['users', 'create', 'later@example.com'])).code).toBe(0);
    expect(await emails()).toEqual(['kept@example.com', 'later@example.com']);

    const restored = await aihub(['restore', backupFile, '--json']);
    expect(restored.code).toBe(0);
    const { previous } = restored.json<{ previous: string }>();
    expect(existsSync(previous)).toBe(true);
    expect(await emails()).toEqual(['kept@example.com']);
    const balance = (await aihub(['users', 'list', '--json'])).json<{ data: Array<{ balanceUsd: string }> }>().data[0]
      ?.balanceUsd;
    expect(balance).toBe('3.000000');
  });

  it('refuses to restore while a server heart-beats, unless --force', async () => {
    const backupFile = join(dir, 'second.sqlite');
    expect((await aihub(['backup', backupFile])).code).toBe(0);
    const server = await openStore({ url: `sqlite:${file}`, dataDir: dir });
    await server.db
      .insertInto('instances')
      .values({ id: 'ins_live', started_at: Date.now(), heartbeat_at: Date.now() })
      .execute();
    await server.close();
    const refused = await aihub(['restore', backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is in use: 1 server process(es)');
    expect((await aihub(['restore', backupFile, '--force'])).code).toBe(0);
  });

  it('refuses a file that is not an intact AIHub database', async () => {
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just text that is long enough to look like a header.......');
    const run = await aihub(['restore', junk, '--force']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('cannot be restored');
    expect(await emails()).toEqual(['kept@example.com']);
  });

  it('prints the pg_dump and pg_restore commands for PostgreSQL (exit 1: nothing was copied)', async () => {
    const pg = cliRunner(() => ({
      DATABASE_URL: 'postgres://aihub@db.example/aihub',
      AIHUB_DATABASE_SCHEMA: 'tenant_a',
    }));
    const backup = await pg(['backup', join(dir, 'never.dump')]);
    expect(backup.code).toBe(1);
    expect(backup.out).toContain('pg_dump --format=custom --schema=tenant_a --file=aihub.dump "$DATABASE_URL"');
    expect(backup.out).toContain('pg_restore --clean --if-exists --no-owner --schema=tenant_a');
    expect((await pg(['restore', join(dir, 'x.dump'), '--json'])).json()).toMatchObject({
      dialect: 'postgres',
      done: false,
    });
    expect(existsSync(join(dir, 'never.dump'))).toBe(false);
  });
});
