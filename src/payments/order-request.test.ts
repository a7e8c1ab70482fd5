import { describe, expect, it } from 'vitest';
import { offeredMethods, planOrder, topUpOrder } from './order-request.js';
import { topUpRulesSchema } from './topup-quote.js';

const rules = topUpRulesSchema.parse({
  enabledMethods: ['alipay', 'epay', 'stripe'],
  bonusTiers: [{ atLeast: 100_000_000, bonus: 10_000_000 }],
  cnyFenPerUsd: 720,
});

describe('order requests', () => {
  it('offers only the enabled methods whose provider is configured, in the operator order', () => {
    const configured = { epay: 'CNY', stripe: 'USD' } as const;
    expect(offeredMethods(rules, (method) => configured[method as keyof typeof configured])).toEqual([
      { method: 'epay', currency: 'CNY' },
      { method: 'stripe', currency: 'USD' },
    ]);
  });

  it('prices a top-up from the rules: CNY at the rate, the bonus tier on top', () => {
    expect(topUpOrder(rules, 'u1', { method: 'epay', amount: 100_000_000 }, 'CNY')).toEqual({
      userId: 'u1',
      method: 'epay',
      purpose: 'topup',
      currency: 'CNY',
      payAmount: 72_000,
      creditAmount: 110_000_000,
      bonusAmount: 10_000_000,
      subject: 'AIHub credit $100.00',
    });
  });

  it('refuses an amount outside the limits', () => {
    expect(() => topUpOrder(rules, 'u1', { method: 'epay', amount: 10_000 }, 'CNY')).toThrow(/between/);
  });

  it('answers plans_unavailable without plan pricing, plan_not_found for an unknown plan', async () => {
    await expect(planOrder(rules, 'u1', { method: 'epay', planId: 'p1' }, 'CNY', undefined)).rejects.toMatchObject({
      status: 400,
      code: 'plans_unavailable',
    });
    await expect(
      planOrder(rules, 'u1', { method: 'epay', planId: 'p1' }, 'CNY', async () => undefined),
    ).rejects.toMatchObject({ status: 404 });
    const order = await planOrder(rules, 'u1', { method: 'epay', planId: 'p1' }, 'CNY', async () => ({
      priceUnits: 20_000_000,
      name: 'Coder',
    }));
    expect(order).toMatchObject({ purpose: 'plan', planId: 'p1', payAmount: 14_400, creditAmount: 20_000_000 });
  });
});
