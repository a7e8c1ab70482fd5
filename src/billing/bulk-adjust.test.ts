import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { adjustBalances } from './bulk-adjust.js';

/** A ledger double: knows two users, and fails unexpectedly for a third. */
function fakeLedger() {
  const calls: string[] = [];
  const balances = new Map([
    ['usr_a', 100],
    ['usr_b', 200],
  ]);
  return {
    calls,
    async adjustBalance(_admin: string, userId: string, amount: number) {
      calls.push(userId);
      if (userId === 'usr_broken') throw new Error('connection reset');
      const balance = balances.get(userId);
      if (balance === undefined)
        throw new GatewayError({ kind: 'not_found', code: 'user_not_found', message: 'No user.' });
      balances.set(userId, balance + amount);
      return { entryId: `led_${userId}`, reference: `adj_${userId}`, balanceAfter: balance + amount };
    },
  };
}

describe('adjustBalances', () => {
  it('applies each user on their own and reports every outcome, failures included', async () => {
    const ledger = fakeLedger();
    const results = await adjustBalances(ledger, 'usr_admin', {
      userIds: ['usr_a', 'usr_missing', 'usr_broken', 'usr_b', 'usr_a'],
      amount: -50,
      reason: 'Correction',
    });
    expect(results).toEqual([
      { userId: 'usr_a', ok: true, entryId: 'led_usr_a', balance: 50 },
      { userId: 'usr_missing', ok: false, code: 'user_not_found', message: 'No user.' },
      { userId: 'usr_broken', ok: false, code: 'internal_error', message: 'The change could not be written.' },
      { userId: 'usr_b', ok: true, entryId: 'led_usr_b', balance: 150 },
    ]);
    // A user named twice is changed once.
    expect(ledger.calls).toEqual(['usr_a', 'usr_missing', 'usr_broken', 'usr_b']);
  });

  it('writes nothing when the input is wrong', async () => {
    const ledger = fakeLedger();
    for (const input of [
      { userIds: [], amount: 10, reason: 'x' },
      { userIds: ['usr_a'], amount: 0, reason: 'x' },
      { userIds: ['usr_a'], amount: 1.5, reason: 'x' },
      { userIds: ['usr_a'], amount: 10, reason: '  ' },
    ]) {
      await expect(adjustBalances(ledger, 'usr_admin', input)).rejects.toMatchObject({ status: 400 });
    }
    expect(ledger.calls).toEqual([]);
  });
});
