/** Runs operator commands in-process against a test database (not shipped code: imported only by *.test.ts). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestStore } from '../../test/db-harness.js';
import { operatorCommands } from './commands/index.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** `out` parsed, for `--json` runs. */
  json<T = Record<string, unknown>>(): T;
}

export type RunCli = (argv: string[], extraEnv?: NodeJS.ProcessEnv) => Promise<CliRun>;

/** The environment a server on this database would have: its URL, schema and a data directory of its own. */
export function cliEnvironment(
  store: TestStore,
  dataDir: string = mkdtempSync(join(tmpdir(), 'aihub-cli-')),
): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: store.url,
    AIHUB_DATA_DIR: dataDir,
    ...(store.schema ? { AIHUB_DATABASE_SCHEMA: store.schema } : {}),
  };
}

export function cliRunner(env: () => NodeJS.ProcessEnv): RunCli {
  return async (argv, extraEnv = {}) => {
    let out = '';
    let err = '';
    const code = await operatorCommands.run(argv, {
      out: { write: (text: string) => (out += text) },
      err: { write: (text: string) => (err += text) },
      env: { ...env(), ...extraEnv },
    });
    return { code, out, err, json: <T>() => JSON.parse(out) as T };
  };
}
