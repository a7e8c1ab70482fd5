/**
 * The log level is changed at run time from the console's settings (PATCH /api/admin/settings
 * `logLevel`) and every replica follows, through the config bus; clearing it returns each replica
 * to the level it started with.
 */
import pino, { type Logger } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asAdmin } from '../e2e/platform-client.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { describeRedis } from './redis-harness.js';
import { type Replica, replicaCluster } from './replica-harness.js';

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(check()).toBe(true);
}

describeRedis('log level across replicas', () => {
  const cluster = replicaCluster('loglevel', () => upstream.url);
  let upstream: Emulator;
  let a: Replica;
  let b: Replica;
  const loggerA: Logger = pino({ level: 'warn' }, { write: () => {} });
  const linesB: string[] = [];
  const loggerB: Logger = pino({ level: 'warn' }, { write: (line: string) => linesB.push(line) });

  beforeAll(async () => {
    upstream = await startOpenAIEmulator();
    a = await cluster.start({}, { logger: loggerA });
    b = await cluster.start({}, { logger: loggerB });
  });
  afterAll(async () => {
    await cluster.close();
    await upstream?.close();
  });

  it('a level set on one replica reaches the other without a restart, and clearing it restores the start level', async () => {
    expect(loggerB.level).toBe('warn');
    const patched = await asAdmin(a, 'PATCH', '/api/admin/settings', { logLevel: 'debug' });
    expect(patched.status).toBe(200);
    expect(patched.json.logLevel).toBe('debug');
    expect(loggerA.level).toBe('debug');
    await eventually(() => loggerB.level === 'debug');
    loggerB.debug('probe after the change');
    expect(linesB.some((line) => line.includes('probe after the change'))).toBe(true);

    await asAdmin(b, 'PATCH', '/api/admin/settings', { logLevel: '' });
    expect(loggerB.level).toBe('warn');
    await eventually(() => loggerA.level === 'warn');
  });

  it('refuses a level pino does not know, changing nothing', async () => {
    const refused = await asAdmin(a, 'PATCH', '/api/admin/settings', { logLevel: 'verbose' });
    expect(refused.status).toBe(400);
    expect(loggerA.level).toBe('warn');
    expect((await asAdmin(a, 'GET', '/api/admin/settings')).json.logLevel).toBe('');
  });
});
