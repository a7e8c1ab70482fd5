/**
 * Issue 11, "holds smaller than the charge", on one server with SQLite: 500 concurrent requests
 * with prompts that are far more tokens than characters / 2.5, against $0.01 and a key quota of
 * 10,000 units, with an upstream that counts usage as OpenAI does and with one that bills the
 * most any tokenizer could. Before the fix, the same run took the balance to about −124% of its
 * start and the key to twice its quota.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { createAccounts, expectNoOverdraw, runBurst, setOverdraft } from './overdraw-scenario.js';

describe('overdraw under 500 concurrent adversarial requests [sqlite]', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway({}, 'sqlite');
    await setOverdraft(gateway);
  });
  afterAll(() => gateway?.close());

  it.each(['o200k', 'maximum'] as const)(
    'with an upstream counting %s: no balance below −overdraft, no key past its quota, no hold left',
    async (counting) => {
      const accounts = await createAccounts(gateway, `sqlite-${counting}`);
      const statuses = await runBurst([gateway], accounts, gateway.openai, counting);
      await expectNoOverdraw(gateway, accounts, statuses);
      const report = await verifyLedger(gateway.app.store);
      expect(report.mismatches).toEqual([]);
      expect(report.openReservations).toBe(0);
    },
    120_000,
  );
});
