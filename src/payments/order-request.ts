/**
 * What a user's order request becomes: the methods the user may pay with, and the order's price
 * and credit, decided here from the operator's rules (never from the client). Pure.
 */
import { GatewayError } from '../ir/index.js';
import type { NewOrder } from './order-service.js';
import type { Currency, PaymentMethod } from './payment-types.js';
import { payAmountFor, quoteTopUp, type TopUpRules, UNITS_PER_CENT } from './topup-quote.js';

/** A plan as sold: its price in units of credit (lead wires plans in at merge). */
export type PlanPricing = (planId: string) => Promise<{ priceUnits: number; name: string } | undefined>;

export type OrderRequest =
  | { purpose: 'topup'; method: PaymentMethod; amount: number }
  | { purpose: 'plan'; method: PaymentMethod; planId: string };

/** Methods the operator enabled AND whose provider is configured, in the operator's order. */
export function offeredMethods(
  rules: TopUpRules,
  currencyOf: (method: PaymentMethod) => Currency | undefined,
): Array<{ method: PaymentMethod; currency: Currency }> {
  return rules.enabledMethods.flatMap((method) => {
    const currency = currencyOf(method);
    return currency ? [{ method, currency }] : [];
  });
}

export function methodNotOffered(method: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    code: 'payment_method_unavailable',
    param: 'method',
    message: `Payment by ${method} is not available here.`,
  });
}

/** The order to record for a top-up request. */
export function topUpOrder(
  rules: TopUpRules,
  userId: string,
  request: { method: PaymentMethod; amount: number },
  currency: Currency,
): NewOrder {
  const quote = quoteTopUp(rules, request.amount, currency);
  return {
    userId,
    method: request.method,
    purpose: 'topup',
    currency,
    payAmount: quote.payAmount,
    creditAmount: quote.creditAmount,
    bonusAmount: quote.bonusAmount,
    subject: `AIHub credit $${(quote.amount / 1_000_000).toFixed(2)}`,
  };
}

/** The order to record for a plan purchase (the plan's price, credited then spent on the plan). */
export async function planOrder(
  rules: TopUpRules,
  userId: string,
  request: { method: PaymentMethod; planId: string },
  currency: Currency,
  planPricing: PlanPricing | undefined,
): Promise<NewOrder> {
  if (!planPricing) {
    throw new GatewayError({
      kind: 'invalid_request',
      code: 'plans_unavailable',
      param: 'purpose',
      message: 'Plans cannot be bought here.',
    });
  }
  const plan = await planPricing(request.planId);
  if (!plan) {
    throw new GatewayError({ kind: 'not_found', code: 'plan_not_found', message: `No plan ${request.planId}.` });
  }
  if (plan.priceUnits < UNITS_PER_CENT) {
    // Nothing a provider could charge: such a plan is bought with the balance or granted.
    throw new GatewayError({
      kind: 'invalid_request',
      code: 'plan_not_payable',
      param: 'planId',
      message: 'This plan costs less than a cent: buy it with your balance instead.',
    });
  }
  return {
    userId,
    method: request.method,
    purpose: 'plan',
    planId: request.planId,
    currency,
    payAmount: payAmountFor(rules, plan.priceUnits, currency),
    creditAmount: plan.priceUnits,
    bonusAmount: 0,
    subject: `AIHub plan ${plan.name}`.slice(0, 100),
  };
}
