import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { describeEachDialect } from '../db-harness.js';
import { createKey, createUser, keyRow, startLedger, userRow } from './billing-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

describeEachDialect('ledger: kill -9', (store) => {
  it('loses no settled charge, and the held money comes back after the orphan sweep', async () => {
    const user = await createUser(store(), { balance: 10_000_000 });
    const key = await createKey(store(), user, null);
    // `node --import tsx`, not the tsx wrapper: the kill must hit the process doing the work.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'crash-child.ts'), store().url, store().schema ?? '-', user, key],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const settled: string[] = [];
    // Never leave the child running (it would hold the test schema open): kill it whatever happens.
    const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('settled ')) settled.push(line.slice(8));
        if (settled.length >= 60) {
          child.removeAllListeners('exit');
          child.kill('SIGKILL');
          child.on('exit', () => resolve());
        }
      });
    }).finally(() => {
      clearTimeout(timeout);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });

    // Every charge the child reported settled is in the ledger.
    const charges = await store()
      .db.selectFrom('ledger_entries')
      .select('reference')
      .where('user_id', '=', user)
      .where('kind', '=', 'charge')
      .execute();
    const charged = new Set(charges.map((row) => row.reference));
    for (const id of settled) expect(charged.has(id)).toBe(true);
    // Balance = ledger, hold = open reservations, at the instant after the kill.
    expect((await verifyLedger(store())).mismatches).toEqual([]);
    const before = await userRow(store(), user);
    expect(before.balance).toBe(10_000_000 - charged.size * 37);

    // A restarted gateway, a minute later, releases what the dead one held.
    const restarted = await startLedger(store(), { now: () => Date.now() + 61_000 });
    expect(await userRow(store(), user)).toEqual({ balance: before.balance, reserved: 0 });
    expect(await keyRow(store(), key)).toEqual({ used: charged.size * 37, reserved: 0 });
    expect((await verifyLedger(store())).mismatches).toEqual([]);
    await restarted.stop();
  }, 60_000);
});
