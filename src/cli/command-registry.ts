/**
 * The operator commands (`aihub users create …`): each declares its path, arguments and options
 * once; from that declaration this file parses the command line strictly (node's util.parseArgs),
 * renders `--help`, and maps failures to exit codes: 0 ok, 1 failure, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { GatewayError } from '../ir/index.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in `--help` (`--balance USD`). */
  value?: string;
  description: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
  optional?: boolean;
}

export interface CommandArgs {
  /** `--json`: print JSON for scripts instead of a table. */
  json: boolean;
  /** `--config FILE` (else AIHUB_CONFIG). */
  configPath: string | undefined;
  /** The value of a positional argument (absent only when declared optional). */
  positional(name: string): string | undefined;
  string(name: string): string | undefined;
  strings(name: string): string[];
  flag(name: string): boolean;
  /** The option's value, or a UsageError naming it. */
  required(name: string): string;
}

export interface Command {
  /** `['users', 'create']`, or `['backup']` for a command without subcommands. */
  path: readonly string[];
  summary: string;
  /** More lines for `--help`. */
  details?: string;
  positionals?: readonly PositionalSpec[];
  options?: Readonly<Record<string, OptionSpec>>;
  /** Returns the exit code; throws UsageError for a bad command line, anything else for a failure. */
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

const COMMON_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'Print JSON instead of a table' },
  config: { type: 'string', value: 'FILE', description: 'The config file (default: AIHUB_CONFIG)' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export class CommandRegistry {
  constructor(private readonly commands: readonly Command[]) {}

  /** Whether `aihub <name> …` is one of these commands (or groups of them). */
  handles(name: string): boolean {
    return this.commands.some((command) => command.path[0] === name);
  }

  /** One line per command, for the top-level usage. */
  summary(): string {
    const names = this.commands.map((command) => commandLine(command));
    const width = Math.max(...names.map((name) => name.length));
    return this.commands.map((command, index) => `  ${names[index]?.padEnd(width)}  ${command.summary}`).join('\n');
  }

  /** Runs `argv` (without `aihub` itself); returns the exit code. */
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const [group = '', sub] = argv;
    const command =
      this.commands.find((item) => item.path.length === 2 && item.path[0] === group && item.path[1] === sub) ??
      this.commands.find((item) => item.path.length === 1 && item.path[0] === group);
    if (!command) return this.groupHelp(group, sub, io);
    const rest = argv.slice(command.path.length);
    try {
      const args = parseCommandLine(command, rest);
      if (args.flag('help')) {
        io.out.write(commandHelp(command));
        return 0;
      }
      return await command.run(args, io);
    } catch (error) {
      return reportFailure(command, error, io);
    }
  }

  /** `aihub users` or `aihub users frobnicate`: the group's commands; an unknown one is a usage error. */
  private groupHelp(group: string, sub: string | undefined, io: CliIo): number {
    const members = this.commands.filter((command) => command.path[0] === group);
    const list = new CommandRegistry(members).summary();
    if (sub === '--help' || sub === '-h') {
      io.out.write(`Usage: aihub ${group} <command> [options]\n\n${list}\n`);
      return 0;
    }
    const problem =
      sub === undefined ? `'aihub ${group}' needs a command.` : `Unknown command 'aihub ${group} ${sub}'.`;
    io.err.write(`${problem}\n\n${list}\n\nRun 'aihub ${group} <command> --help' for its options.\n`);
    return 2;
  }
}

const NEGATIVE_NUMBER = /^-\d/;
const SHIELD = '\u0000';

function parseCommandLine(command: Command, rest: readonly string[]): CommandArgs {
  const specs = { ...COMMON_OPTIONS, ...command.options };
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    // A negative amount (`--add -5`, `set-balance USER -0.5`) is a value, not a short option:
    // shielded from parseArgs, then restored.
    const args = rest.map((arg) => (NEGATIVE_NUMBER.test(arg) ? `${SHIELD}${arg}` : arg));
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown options and missing values.
    // Its first sentence: the rest is advice about `--` that rarely applies.
    const message = (error as Error).message;
    throw new UsageError(/^[^.]*\./.exec(message)?.[0] ?? message);
  }
  const unshield = (value: string) => (value.startsWith(SHIELD) ? value.slice(SHIELD.length) : value);
  parsed.positionals = parsed.positionals.map(unshield);
  const values = Object.fromEntries(
    Object.entries(parsed.values).map(([name, value]) => [
      name,
      typeof value === 'string'
        ? unshield(value)
        : Array.isArray(value)
          ? value.map((item) => (typeof item === 'string' ? unshield(item) : item))
          : value,
    ]),
  ) as Record<string, string | boolean | string[] | undefined>;
  const declared = command.positionals ?? [];
  if (!values.help) {
    const needed = declared.filter((item) => !item.optional).length;
    if (parsed.positionals.length < needed) {
      const missing = declared.slice(parsed.positionals.length).find((item) => !item.optional);
      throw new UsageError(`Missing ${missing?.name ?? 'argument'}: ${missing?.description ?? ''}`.trim());
    }
    if (parsed.positionals.length > declared.length) {
      throw new UsageError(`Unexpected argument '${parsed.positionals[declared.length]}'.`);
    }
  }
  const string = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    json: values.json === true,
    configPath: string('config'),
    positional: (name) => {
      const index = declared.findIndex((item) => item.name === name);
      return index >= 0 ? parsed.positionals[index] : undefined;
    },
    string,
    strings: (name) => {
      const value = values[name];
      return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    },
    flag: (name) => values[name] === true,
    required: (name) => {
      const value = string(name);
      if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required.`);
      return value;
    },
  };
}

function reportFailure(command: Command, error: unknown, io: CliIo): number {
  const name = `aihub ${command.path.join(' ')}`;
  if (error instanceof UsageError) {
    io.err.write(`${name}: ${error.message}\nRun '${name} --help' for usage.\n`);
    return 2;
  }
  // A service's refusal (no such user, email taken): its own message, which is written for people.
  const message = error instanceof GatewayError || error instanceof Error ? error.message : String(error);
  io.err.write(`${name}: ${message}\n`);
  return 1;
}

function commandLine(command: Command): string {
  const positionals = (command.positionals ?? []).map((item) => (item.optional ? `[${item.name}]` : item.name));
  return [...command.path, ...positionals].join(' ');
}

/** `--help`: usage line, summary, arguments and options (the common ones last). */
export function commandHelp(command: Command): string {
  const lines = [`Usage: aihub ${commandLine(command)} [options]`, '', command.summary];
  if (command.details) lines.push('', command.details);
  const rows: Array<[string, string]> = [];
  const positionals = command.positionals ?? [];
  if (positionals.length > 0) {
    lines.push('', 'Arguments:');
    const width = Math.max(...positionals.map((item) => item.name.length));
    for (const item of positionals) lines.push(`  ${item.name.padEnd(width)}  ${item.description}`);
  }
  for (const [name, spec] of Object.entries({ ...command.options, ...COMMON_OPTIONS })) {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    rows.push([flag, `${spec.description}${spec.multiple ? ' (repeatable)' : ''}`]);
  }
  const width = Math.max(...rows.map(([flag]) => flag.length));
  lines.push('', 'Options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`));
  return `${lines.join('\n')}\n`;
}
