#!/usr/bin/env node
import { processIo } from './cli/cli-io.js';
import { operatorCommands } from './cli/commands/index.js';
import { runLedgerVerify } from './cli/ledger-verify.js';
import { serve } from './cli/serve-command.js';
import { loadConfigFile } from './config/config-file.js';
import { loadSettings } from './config/settings.js';
import { openStore } from './store/database.js';
import { migrateToLatest, pendingMigrations } from './store/migrate.js';

const USAGE = `Usage: aihub <command> [options]

Commands:
  serve [--config FILE] [--workers N|auto]
                          Start the gateway (default). Listens on HOST:PORT (127.0.0.1:3000).
                          --workers (AIHUB_WORKERS): worker processes sharing the port; default
                          every core on PostgreSQL, 1 on SQLite.
  migrate [--dry-run]     Bring the database schema up to date (serve does this too);
                          --dry-run lists the pending migrations without applying them.
  ledger verify           Check that every balance equals the sum of its ledger entries and
                          every reservation is accounted for; exits 1 on any mismatch.
  help                    Show this help.

Operator commands (each has --help, prints a table or JSON with --json; exit 0 ok, 1 failed, 2 usage):
${operatorCommands.summary()}

Environment: PORT, HOST, DATABASE_URL (default: SQLite under ./data), AIHUB_ADMIN_KEY,
AIHUB_CONFIG, AIHUB_WORKERS, AIHUB_DRAIN_TIMEOUT_SECONDS, OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, ... (see README).`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Opens the configured database without starting the server. */
async function openConfiguredStore(args: string[]) {
  const configPath = option(args, '--config') ?? process.env.AIHUB_CONFIG;
  const settings = loadSettings(process.env, configPath ? loadConfigFile(configPath, process.env) : undefined);
  return openStore({
    url: process.env.DATABASE_URL,
    dataDir: settings.dataDir,
    schema: process.env.AIHUB_DATABASE_SCHEMA,
  });
}

/**
 * Migrations run while older replicas still serve (a rolling upgrade migrates from the first new
 * replica to start), so each one must be expand-then-contract: add tables, columns with defaults
 * and indexes the old code ignores; drop or rename only in a later release, once no replica reads
 * the old shape. `--dry-run` shows what an upgrade would apply.
 */
async function migrate(args: string[]): Promise<void> {
  const store = await openConfiguredStore(args);
  try {
    if (args.includes('--dry-run')) {
      const pending = await pendingMigrations(store.db, store.schema);
      process.stdout.write(
        pending.length
          ? `Pending (not applied): ${pending.join(', ')}\n`
          : 'The database is up to date; nothing would be applied.\n',
      );
      return;
    }
    const applied = await migrateToLatest(store.db, store.schema);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
  } finally {
    await store.close();
  }
}

async function ledger(args: string[]): Promise<number> {
  if (args[0] !== 'verify') {
    process.stderr.write(`Unknown ledger command '${args[0] ?? ''}'.\n\n${USAGE}\n`);
    return 2;
  }
  const store = await openConfiguredStore(args.slice(1));
  try {
    await migrateToLatest(store.db, store.schema);
    return await runLedgerVerify(store, process.stdout);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const [command = 'serve', ...args] = process.argv.slice(2);
  switch (command) {
    case 'serve':
      await serve({ configPath: option(args, '--config'), workers: option(args, '--workers') });
      break;
    case 'migrate':
      await migrate(args);
      break;
    case 'ledger':
      process.exitCode = await ledger(args);
      break;
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      break;
    default:
      if (operatorCommands.handles(command)) {
        process.exitCode = await operatorCommands.run([command, ...args], processIo());
        break;
      }
      process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}\n`);
      process.exit(2);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`aihub: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
