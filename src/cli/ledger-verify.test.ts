import { expect, it } from 'vitest';
import { createUser } from '../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { runLedgerVerify } from './ledger-verify.js';

describeEachDialect('aihub ledger verify', (store) => {
  it('prints OK and exits 0 when the ledger reconciles, lists mismatches and exits 1 when not', async () => {
    const user = await createUser(store(), { balance: 1_234 });
    let text = '';
    const out = { write: (chunk: string) => (text += chunk) };
    expect(await runLedgerVerify(store(), out)).toBe(0);
    expect(text).toContain('OK');

    await store().db.updateTable('users').set({ balance: 9_999 }).where('id', '=', user).execute();
    text = '';
    expect(await runLedgerVerify(store(), out)).toBe(1);
    expect(text).toContain('MISMATCH: 1 problem');
    expect(text).toContain(
      `user ${user}: balance ≠ sum of ledger: stored 9999 ($0.009999), expected 1234 ($0.001234), difference 8765`,
    );
  });
});
