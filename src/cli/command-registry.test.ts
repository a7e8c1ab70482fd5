import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type Command, CommandRegistry, commandHelp } from './command-registry.js';
import { operatorCommands } from './commands/index.js';
import { cliRunner } from './test-fixtures.js';

const aihub = cliRunner(() => ({}));

/** Every registered command, read back through the registry's own summary. */
const ALL_PATHS = operatorCommands
  .summary()
  .split('\n')
  .map((line) =>
    line
      .trim()
      .split(/\s+/)
      .filter((word) => /^[a-z-]+$/.test(word))
      .slice(0, 2),
  )
  .map((words) => (['backup', 'restore'].includes(words[0] ?? '') ? words.slice(0, 1) : words));

describe('operator command registry', () => {
  it('lists the commands the issue asks for', () => {
    expect(ALL_PATHS.map((path) => path.join(' '))).toEqual([
      'users create',
      'users list',
      'users set-balance',
      'users disable',
      'keys create',
      'keys list',
      'keys revoke',
      'channels list',
      'channels export',
      'channels import',
      'channels test',
      'codes create',
      'prices export',
      'prices import',
      'config check',
      'backup',
      'restore',
      'logs prune',
    ]);
  });

  it.each(ALL_PATHS)('%s %s --help prints its usage and options, exit 0', async (...path) => {
    const run = await aihub([...path.filter(Boolean), '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(new RegExp(`^Usage: aihub ${path.filter(Boolean).join(' ')}\\b`));
    expect(run.out).toContain('--json');
    expect(run.out).toContain('-h, --help');
    expect(run.err).toBe('');
  });

  it('answers usage errors with exit 2 and a pointer to --help', async () => {
    const unknownOption = await aihub(['users', 'list', '--colour']);
    expect(unknownOption).toMatchObject({ code: 2, out: '' });
    expect(unknownOption.err).toBe(
      "aihub users list: Unknown option '--colour'.\nRun 'aihub users list --help' for usage.\n",
    );
    const missing = await aihub(['keys', 'revoke']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Missing KEY_ID');
    const extra = await aihub(['users', 'list', 'surplus']);
    expect(extra.code).toBe(2);
    expect(extra.err).toContain("Unexpected argument 'surplus'");
    const noValue = await aihub(['logs', 'prune', '--before']);
    expect(noValue.code).toBe(2);
    const group = await aihub(['channels']);
    expect(group.code).toBe(2);
    expect(group.err).toContain("'aihub channels' needs a command.");
    expect(group.err).toContain('channels export');
    expect((await aihub(['channels', '--help'])).code).toBe(0);
    expect((await aihub(['channels', 'frobnicate'])).err).toContain("Unknown command 'aihub channels frobnicate'");
  });

  it('keeps negative amounts as values, not options', async () => {
    let seen: string[] = [];
    const probe: Command = {
      path: ['probe'],
      summary: 'probe',
      positionals: [{ name: 'AMOUNT', description: 'an amount' }],
      options: { quota: { type: 'string', description: 'a quota' } },
      async run(args) {
        seen = [args.positional('AMOUNT') ?? '', args.string('quota') ?? ''];
        return 0;
      },
    };
    const registry = new CommandRegistry([probe]);
    const io = { out: { write: () => true }, err: { write: () => true }, env: {} };
    expect(await registry.run(['probe', '-1.5', '--quota', '-2'], io)).toBe(0);
    expect(seen).toEqual(['-1.5', '-2']);
    expect(commandHelp(probe)).toContain('AMOUNT  an amount');
  });

  it('is what `aihub` runs: help lists the commands, a usage error exits 2 (a real process)', () => {
    const options = {
      encoding: 'utf8' as const,
      env: { ...process.env, DATABASE_URL: 'sqlite::memory:' },
      timeout: 70_000,
    };
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'help'], options);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('users set-balance USER USD');
    const usage = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'codes', 'create', '--amount', 'lots'],
      options,
    );
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--amount must be a dollar amount');
  }, 150_000);
});
