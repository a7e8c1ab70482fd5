/**
 * `aihub backup FILE` and `aihub restore FILE`: the SQLite database, copied online with SQLite's
 * backup API and checked. PostgreSQL has its own tools; for it these print the commands to use.
 */
import { loadConfigFile } from '../../config/config-file.js';
import { loadSettings } from '../../config/settings.js';
import { resolveStoreTarget, type StoreTarget } from '../../store/database.js';
import { backupSqlite, liveInstances, restoreSqlite } from '../../store/sqlite-backup.js';
import type { CliIo } from '../cli-io.js';
import type { Command, CommandArgs } from '../command-registry.js';
import { printResult, renderRecord } from '../output.js';

/** A server heart-beats every 10 s; one silent for a minute is gone (the orphan sweep's rule). */
const IN_USE_WITHIN_MS = 60_000;

function storeTarget(args: CommandArgs, io: CliIo): StoreTarget {
  const configPath = args.configPath ?? io.env.AIHUB_CONFIG;
  const settings = loadSettings(io.env, configPath ? loadConfigFile(configPath, io.env) : undefined);
  return resolveStoreTarget({ url: io.env.DATABASE_URL, dataDir: settings.dataDir });
}

/** PostgreSQL: nothing is copied here; the note says how, and the exit code says it was not done. */
function postgresNote(io: CliIo, json: boolean, schema: string | undefined): number {
  const only = schema ? ` --schema=${schema}` : '';
  const dump = `pg_dump --format=custom${only} --file=aihub.dump "$DATABASE_URL"`;
  const restore = `pg_restore --clean --if-exists --no-owner${only} --dbname="$DATABASE_URL" aihub.dump`;
  printResult(io, json, { dialect: 'postgres', done: false, backup: dump, restore }, () =>
    [
      'DATABASE_URL points at PostgreSQL: AIHub does not copy it itself. Use PostgreSQL’s own tools,',
      'which take a consistent snapshot while the servers keep running:',
      '',
      `  backup:   ${dump}`,
      `  restore:  ${restore}`,
      '',
      'Stop the servers (or scale them to zero) before a restore.',
      '',
    ].join('\n'),
  );
  return 1;
}

function stampOf(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

const backup: Command = {
  path: ['backup'],
  summary: 'Copy the SQLite database to FILE while the server runs, and check the copy',
  details: 'PostgreSQL: prints the pg_dump and pg_restore commands to use instead (exit 1).',
  positionals: [{ name: 'FILE', description: 'Where the copy goes (must not exist)' }],
  async run(args, io) {
    const target = storeTarget(args, io);
    if (target.dialect === 'postgres') return postgresNote(io, args.json, io.env.AIHUB_DATABASE_SCHEMA);
    const destination = args.positional('FILE') ?? '';
    const { bytes, check } = await backupSqlite(target.file, destination);
    printResult(
      io,
      args.json,
      { source: target.file, file: destination, bytes, migrations: check.migrations, integrity: 'ok' },
      () =>
        renderRecord([
          ['Database', target.file],
          ['Backup', destination],
          ['Size', `${bytes} bytes`],
          ['Integrity', `ok (${check.migrations} migrations)`],
        ]),
    );
    return 0;
  },
};

const restore: Command = {
  path: ['restore'],
  summary: 'Replace the SQLite database with a backup (checked first); refuses while a server uses it',
  details:
    'The current database is kept beside it as <file>.before-restore-<time>. A server that ran in the\n' +
    'last minute counts as running: stop it first, or pass --force if it is gone for certain.\n' +
    'PostgreSQL: prints the pg_restore command to use instead (exit 1).',
  positionals: [{ name: 'FILE', description: 'A backup made by `aihub backup`' }],
  options: { force: { type: 'boolean', description: 'Restore even though a server seems to be running' } },
  async run(args, io) {
    const target = storeTarget(args, io);
    if (target.dialect === 'postgres') return postgresNote(io, args.json, io.env.AIHUB_DATABASE_SCHEMA);
    const backupFile = args.positional('FILE') ?? '';
    const now = Date.now();
    const live = liveInstances(target.file, now, IN_USE_WITHIN_MS);
    if (live > 0 && !args.flag('force')) {
      throw new Error(
        `${target.file} is in use: ${live} server process(es) wrote a heartbeat in the last minute. ` +
          'Stop them first (or pass --force if they are gone).',
      );
    }
    const { check, previous } = await restoreSqlite(backupFile, target.file, stampOf(now));
    printResult(
      io,
      args.json,
      { database: target.file, restoredFrom: backupFile, previous: previous ?? null, migrations: check.migrations },
      () =>
        renderRecord([
          ['Database', target.file],
          ['Restored from', backupFile],
          ['Integrity', `ok (${check.migrations} migrations)`],
          ['Previous kept at', previous ?? '(there was none)'],
        ]),
    );
    return 0;
  },
};

export const backupCommands: Command[] = [backup, restore];
