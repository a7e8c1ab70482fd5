import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

interface Started {
  child: ChildProcess;
  origin: string;
  output: () => string;
}

/** Starts `aihub serve` as a real process on a free port and waits for its "listening" line. */
async function startCli(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
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
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
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

function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
  });
}

let upstream: Emulator;
let dataDir: string;

beforeAll(async () => {
  upstream = await startOpenAIEmulator();
  dataDir = mkdtempSync(join(tmpdir(), 'aihub-cli-'));
});
afterAll(async () => {
  await upstream?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('aihub serve (the real process)', () => {
  it('serves the relay to curl with AIHUB_ADMIN_KEY', async () => {
    const server = await startCli({
      AIHUB_ADMIN_KEY: 'sk-cli-test',
      AIHUB_DATA_DIR: dataDir,
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: upstream.url,
    });
    try {
      const { stdout } = await run('curl', [
        '-sS',
        `${server.origin}/v1/chat/completions`,
        '-H',
        'Authorization: Bearer sk-cli-test',
        '-H',
        'Content-Type: application/json',
        '-d',
        JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'ping' }] }),
      ]);
      expect(JSON.parse(stdout).choices[0].message.content).toContain('ping');
    } finally {
      await stop(server);
    }
  });

  it('generates an admin key on first start, prints it once, and accepts it after a restart', async () => {
    const env = { AIHUB_DATA_DIR: join(dataDir, 'fresh'), OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: upstream.url };
    const first = await startCli(env);
    const key = /\n {2}(sk-aihub-admin-\S+)\n/.exec(first.output())?.[1];
    await stop(first);
    expect(key).toBeTruthy();

    const second = await startCli(env);
    try {
      expect(second.output()).not.toContain('sk-aihub-admin-');
      const response = await fetch(`${second.origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
    } finally {
      await stop(second);
    }
  });
});
