import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.js';
import { startAnthropicEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { type Started, startCli, stop } from './cli-process.js';
import { type CrashEnvironment, crashEnvironment, until } from './crash-harness.js';
import { asUser, createKey, register } from './platform-client.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/**
 * kill -9 of the real server in the middle of a stream: the charge settled before stays, the
 * reservation of the killed request is not held forever (the orphan rule releases it after the
 * process stops heart-beating), and `aihub ledger verify` passes after the restart.
 */
for (const database of ['sqlite', 'postgres'] as const) {
  describe(`kill -9 mid-stream [${database}]`, () => {
    let upstream: Emulator;
    let crash: CrashEnvironment;
    let env: Record<string, string>;

    beforeAll(async () => {
      upstream = await startAnthropicEmulator();
      crash = crashEnvironment(database, { adminKey: 'sk-crash-admin', anthropicBaseUrl: upstream.url, name: 'crash' });
      env = crash.env;
    });

    afterAll(async () => {
      await upstream?.close();
      await crash?.remove();
    });

    const openSameStore = (): Promise<Store> => crash.openDatabase();

    it('keeps settled charges and releases the killed request’s reservation', async () => {
      let first: Started | undefined = await startCli(env);
      let second: Started | undefined;
      try {
        const user = await register(first, `crash-${database}@example.com`);
        const { key } = await createKey(first, user);

        // One complete call: its charge is settled before we look.
        upstream.enqueue({ usage: { inputTokens: 1000, outputTokens: 200 } });
        const done = await fetch(`${first.origin}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'claude-sonnet-4-5',
            max_tokens: 500,
            messages: [{ role: 'user', content: 'hi' }],
          }),
        });
        expect(done.status).toBe(200);
        const charged = await until(async () => {
          const balance = (await asUser(first as Started, user, 'GET', '/api/balance')).json;
          return balance.reserved === 0 && balance.balance < 200_000 ? balance.balance : undefined;
        }, 5000);

        // A long stream, killed after its first chunks arrive.
        upstream.enqueue({ chunkCount: 60, chunkDelayMs: 100 });
        const streaming = await fetch(`${first.origin}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'claude-sonnet-4-5',
            stream: true,
            max_tokens: 500,
            messages: [{ role: 'user', content: 'story' }],
          }),
        });
        const reader = streaming.body?.getReader();
        await reader?.read();
        first.child.kill('SIGKILL');
        await new Promise((resolve) => first?.child.once('exit', resolve));
        await reader?.read().catch(() => undefined);
        first = undefined;

        const store = await openSameStore();
        try {
          const held = await store.db
            .selectFrom('reservations')
            .selectAll()
            .where('user_id', '=', user.userId)
            .execute();
          expect(held).toHaveLength(1);
          const row = await store.db
            .selectFrom('users')
            .select(['balance', 'reserved'])
            .where('id', '=', user.userId)
            .executeTakeFirstOrThrow();
          expect(row.balance).toBe(charged);

          second = await startCli(env);
          await until(async () => {
            const open = await store.db
              .selectFrom('reservations')
              .select('id')
              .where('user_id', '=', user.userId)
              .execute();
            return open.length === 0 ? true : undefined;
          }, 10_000);
          const after = await store.db
            .selectFrom('users')
            .select(['balance', 'reserved'])
            .where('id', '=', user.userId)
            .executeTakeFirstOrThrow();
          expect(after).toEqual({ balance: charged, reserved: 0 });
        } finally {
          await store.close();
        }

        const verify = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ledger', 'verify'], {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', ...env },
        });
        expect(verify.stdout).toMatch(/ok|balanced|reconcile/i);
      } finally {
        if (first) first.child.kill('SIGKILL');
        await stop(second);
      }
    });
  });
}
