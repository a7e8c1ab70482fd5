import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import type { Store } from '../../src/store/database.js';
import { startAnthropicEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { type Started, startCli, stop } from './cli-process.js';
import { type CrashEnvironment, crashEnvironment, until } from './crash-harness.js';
import { createKey, register } from './platform-client.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/**
 * kill -9 of the real server in the middle of an Anthropic Messages pass-through stream (a Claude
 * model on an Anthropic channel, `POST /v1/messages` with `stream: true`: the client's body goes up
 * as written and the upstream's bytes come back as they arrive). The money promise holds as on the
 * translated path (crash-safety.e2e.test.ts): at the instant after the kill the killed request's
 * hold is an open reservation and balances reconcile with the ledger; after the restart the orphan
 * sweep releases it (nothing charged for an answer that never completed, no second charge for the
 * one that did, the balance never below zero), and `aihub ledger verify` passes. The request log
 * has the completed call's row with its charge, and none for the killed one (a row is written when
 * a request ends; the dead process ended nothing, and the restarted one invents nothing).
 */
for (const database of ['sqlite', 'postgres'] as const) {
  describe(`kill -9 mid pass-through stream on /v1/messages [${database}]`, () => {
    let upstream: Emulator;
    let crash: CrashEnvironment;
    let env: Record<string, string>;

    beforeAll(async () => {
      upstream = await startAnthropicEmulator();
      crash = crashEnvironment(database, {
        adminKey: 'sk-crash-messages-admin',
        anthropicBaseUrl: upstream.url,
        name: 'crashmsg',
      });
      env = crash.env;
    });

    afterAll(async () => {
      await upstream?.close();
      await crash?.remove();
    });

    /** A streamed Messages call, with a field AIHub does not know (the pass-through keeps it). */
    const messages = (origin: string, key: string, prompt: string) =>
      fetch(`${origin}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude-sonnet-4-5',
          stream: true,
          max_tokens: 500,
          messages: [{ role: 'user', content: prompt }],
          metadata: { user_id: 'crash-test' },
          context_management: { edits: [] },
        }),
      });

    it('releases the killed stream’s hold, keeps the settled charge once, and logs only what ended', async () => {
      let first: Started | undefined = await startCli(env);
      let second: Started | undefined;
      let opened: Store | undefined;
      try {
        // Opened once the server has migrated the database.
        const store = await crash.openDatabase();
        opened = store;
        const origin = first.origin;
        const user = await register(first, `crash-messages-${database}@example.com`);
        const { key } = await createKey(first, user);
        const balanceOf = () =>
          store.db
            .selectFrom('users')
            .select(['balance', 'reserved'])
            .where('id', '=', user.userId)
            .executeTakeFirstOrThrow();
        const openHolds = () =>
          store.db.selectFrom('reservations').selectAll().where('user_id', '=', user.userId).execute();
        const startingBalance = (await balanceOf()).balance;

        // One complete pass-through stream: settled, and its log row written, before the kill.
        upstream.enqueue({ usage: { inputTokens: 1000, outputTokens: 200 } });
        const done = await messages(origin, key, 'hi');
        expect(done.status).toBe(200);
        const doneText = await done.text();
        expect(doneText).toContain('event: message_stop');
        const doneId = done.headers.get('x-request-id') ?? '';
        const charged = await until(async () => {
          const row = await balanceOf();
          return row.reserved === 0 && row.balance < startingBalance ? row.balance : undefined;
        }, 5000);
        const doneLog = await until(
          () => store.db.selectFrom('request_logs').selectAll().where('id', '=', doneId).executeTakeFirst(),
          5000,
        );
        expect(upstream.requests.at(-1)?.body).toMatchObject({ context_management: { edits: [] } });

        // A long pass-through stream from a slow upstream, killed after its first text arrives.
        upstream.enqueue({ chunkCount: 60, chunkDelayMs: 100 });
        const streaming = await messages(origin, key, 'tell me a long story');
        expect(streaming.status).toBe(200);
        const killedId = streaming.headers.get('x-request-id') ?? '';
        expect(killedId).not.toBe('');
        const reader = streaming.body?.getReader();
        const decoder = new TextDecoder();
        let received = '';
        while (!received.includes('content_block_delta')) {
          const chunk = await reader?.read();
          if (!chunk || chunk.done) throw new Error(`stream ended before the kill:\n${received}`);
          received += decoder.decode(chunk.value, { stream: true });
        }
        expect(received).toContain('event: message_start');
        expect(received).not.toContain('message_stop');
        const exited = new Promise((resolve) => first?.child.once('exit', resolve));
        first.child.kill('SIGKILL');
        await exited;
        await reader?.read().catch(() => undefined);
        first = undefined;

        // The instant after the kill: the killed request's hold is open, nothing of it is charged,
        // and balance and holds reconcile with the ledger.
        const held = await openHolds();
        expect(held.map((row) => row.id)).toEqual([killedId]);
        const afterKill = await balanceOf();
        expect(afterKill).toEqual({ balance: charged, reserved: held[0]?.amount });
        expect(afterKill.balance - afterKill.reserved).toBeGreaterThanOrEqual(0);
        expect((await verifyLedger(store)).mismatches).toEqual([]);

        // The restarted server's orphan sweep releases it: the balance is what the one completed
        // call left, charged once.
        second = await startCli(env);
        await until(async () => ((await openHolds()).length === 0 ? true : undefined), 10_000);
        expect(await balanceOf()).toEqual({ balance: charged, reserved: 0 });
        const charges = await store.db
          .selectFrom('ledger_entries')
          .select(['reference', 'amount'])
          .where('user_id', '=', user.userId)
          .where('kind', '=', 'charge')
          .execute();
        expect(charges).toEqual([{ reference: doneId, amount: charged - startingBalance }]);
        expect((await verifyLedger(store)).mismatches).toEqual([]);

        // The log: the completed call's row carries its charge; the killed request has none.
        expect(doneLog).toMatchObject({ status: 200, stream: 1, cost: startingBalance - charged });
        const killedLog = await store.db.selectFrom('request_logs').select('id').where('id', '=', killedId).execute();
        expect(killedLog).toEqual([]);
      } finally {
        await opened?.close();
        if (first) first.child.kill('SIGKILL');
        await stop(second);
      }

      const verify = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ledger', 'verify'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      expect(verify.stdout).toMatch(/ok|balanced|reconcile/i);
    }, 90_000);
  });
}
