import { describe, expect, it } from 'vitest';
import { belongsToOrder, orderLedgerKinds } from './order-ledger';
import type { PaymentOrder } from './types';

const order = (patch: Partial<PaymentOrder>) =>
  ({ id: 'ord_1', purpose: 'topup', creditedAt: null, reversedAmount: 0, ...patch }) as PaymentOrder;

describe('an order’s ledger entries', () => {
  it('asks only for the kinds the order can have written', () => {
    expect(orderLedgerKinds(order({}))).toEqual([]);
    expect(orderLedgerKinds(order({ creditedAt: 1 }))).toEqual(['topup']);
    expect(orderLedgerKinds(order({ creditedAt: 1, reversedAmount: 5 }))).toEqual(['topup', 'refund']);
    expect(orderLedgerKinds(order({ creditedAt: 1, purpose: 'plan' }))).toEqual(['topup', 'plan']);
  });

  it('finds the credit, the refunds and a plan purchase, not another order’s', () => {
    expect(belongsToOrder({ kind: 'topup', reference: 'ord_1', reason: '' }, 'ord_1')).toBe(true);
    expect(belongsToOrder({ kind: 'refund', reference: 'ord_1:re_9', reason: '' }, 'ord_1')).toBe(true);
    expect(belongsToOrder({ kind: 'topup', reference: 'ord_12', reason: '' }, 'ord_1')).toBe(false);
    expect(
      belongsToOrder(
        { kind: 'plan', reference: 'sub_1:1', reason: 'Plan bought by order ord_1 ($5.00), period 1' },
        'ord_1',
      ),
    ).toBe(true);
    expect(
      belongsToOrder(
        { kind: 'plan', reference: 'sub_1:1', reason: 'Plan bought by order ord_12 ($5.00), period 1' },
        'ord_1',
      ),
    ).toBe(false);
    // Since the reason codes, the plan entry names its order in its parameters.
    const planEntry = { kind: 'plan' as const, reference: 'sub_2:1', reason: '' };
    expect(belongsToOrder({ ...planEntry, reasonParams: { orderId: 'ord_1', price: 5 } }, 'ord_1')).toBe(true);
    expect(belongsToOrder({ ...planEntry, reasonParams: { orderId: 'ord_12', price: 5 } }, 'ord_1')).toBe(false);
  });
});
