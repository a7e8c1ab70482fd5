import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { startCli, stop } from './cli-process.js';

const run = promisify(execFile);

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
