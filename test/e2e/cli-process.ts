/** Runs `aihub serve` as a real child process, for tests that need a real process (restart, kill -9). */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The CLI run from its sources (no build needed). */
export const SOURCE_CLI = ['--import', 'tsx', 'src/cli.ts'];

/**
 * `dist/cli.js` when `npm run build:server` has built it after the last change to src/ (it starts
 * in about a third of the time, which matters to tests that start many processes), else the
 * sources: a stale build would test old code.
 */
export function freshestCli(): string[] {
  const built = join(root, 'dist/cli.js');
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    return SOURCE_CLI;
  }
  return newestSourceChange(join(root, 'src')) < builtAt ? [built] : SOURCE_CLI;
}

function newestSourceChange(folder: string): number {
  // The folder's own time too: it changes when a file is deleted or renamed.
  let newest = statSync(folder).mtimeMs;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export interface Started {
  child: ChildProcess;
  origin: string;
  output: () => string;
}

/**
 * Starts `aihub serve` as a real process on a free port and waits for its "listening" line
 * (`cli`: what to run, default freshestCli()).
 */
export async function startCli(
  env: Record<string, string>,
  options: { startTimeoutMs?: number; cli?: string[]; args?: string[] } = {},
): Promise<Started> {
  // The build when it is fresh: under a loaded CI machine the sources via tsx took over 20 s to start.
  const child = spawn(process.execPath, [...(options.cli ?? freshestCli()), 'serve', ...(options.args ?? [])], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running after the test gives up (a primary's workers follow it when it goes).
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, options.startTimeoutMs ?? 60_000);
    const check = () => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        // Give the rest of the banner a moment to arrive.
        setTimeout(() => resolve(match[1] as string), 100);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, origin, output: () => output };
}

export function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
  });
}
