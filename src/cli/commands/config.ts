/** `aihub config check`: validates the config file and the environment, with the file's line for each problem. */
import { type ConfigProblem, checkConfig } from '../../config/config-check.js';
import type { Command } from '../command-registry.js';
import { type Column, printResult, renderTable } from '../output.js';

const COLUMNS: Column<ConfigProblem>[] = [
  { header: 'SEVERITY', value: (problem) => problem.severity },
  { header: 'WHERE', value: (problem) => problem.where },
  { header: 'PROBLEM', value: (problem) => problem.message },
];

const check: Command = {
  path: ['config', 'check'],
  summary: 'Check a config file and the environment; exits 1 when anything would stop the server',
  details: 'Warnings (an unset variable in the file, a short admin key) are shown but do not fail the check.',
  positionals: [
    { name: 'FILE', description: 'The config file (default: --config, then AIHUB_CONFIG)', optional: true },
  ],
  async run(args, io) {
    const path = args.positional('FILE') ?? args.configPath ?? io.env.AIHUB_CONFIG;
    const problems = checkConfig({ env: io.env, ...(path ? { path } : {}) });
    const errors = problems.filter((problem) => problem.severity === 'error').length;
    const checked = path ? `${path} and the environment` : 'the environment (no config file given)';
    printResult(io, args.json, { file: path ?? null, ok: errors === 0, problems }, () =>
      problems.length === 0
        ? `OK: ${checked} are valid.\n`
        : `${renderTable(problems, COLUMNS)}\n${errors === 0 ? 'OK' : `${errors} error(s)`} in ${checked}.\n`,
    );
    return errors === 0 ? 0 : 1;
  },
};

export const configCommands: Command[] = [check];
