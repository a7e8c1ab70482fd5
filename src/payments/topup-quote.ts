/**
 * What a top-up costs and what it credits, decided by the server alone: the client names an
 * amount of credit, never a price. Pure; the operator's rules come in as `TopUpRules`.
 */
import { z } from 'zod';
import { GatewayError } from '../ir/index.js';
import { type Currency, PAYMENT_METHODS } from './payment-types.js';

/** Units (1e-6 USD) per cent: credit is bought in whole cents. */
export const UNITS_PER_CENT = 10_000;

const credit = z.number().int().positive().multipleOf(UNITS_PER_CENT);

/** The operator's top-up rules (a field of the operator settings). */
export const topUpRulesSchema = z
  .object({
    /** Payment methods offered to users, in the order shown; each also needs its provider configured. */
    enabledMethods: z.array(z.enum(PAYMENT_METHODS)).max(PAYMENT_METHODS.length).default([]),
    /** The amounts offered as buttons, in units of credit. */
    presets: z
      .array(credit)
      .max(12)
      .default([5, 10, 20, 50, 100, 200].map((usd) => usd * 1_000_000)),
    /** The smallest and largest credit one order may buy, in units. */
    minAmount: credit.default(1_000_000),
    maxAmount: credit.default(10_000_000_000),
    /**
     * Bonus credit by amount bought: the highest tier whose `atLeast` the amount reaches applies
     * (pay $100, get $110: `{atLeast: 100_000_000, bonus: 10_000_000}`).
     */
    bonusTiers: z
      .array(z.object({ atLeast: credit, bonus: z.number().int().nonnegative() }))
      .max(20)
      .default([]),
    /** Fen per US dollar for methods that charge in CNY (Alipay, EPay): 720 = ¥7.20 per $1. */
    cnyFenPerUsd: z.number().int().min(1).max(100_000).default(720),
  })
  .refine((rules) => rules.minAmount <= rules.maxAmount, {
    message: 'minAmount must not exceed maxAmount',
    path: ['minAmount'],
  });

export type TopUpRules = z.infer<typeof topUpRulesSchema>;

export interface TopUpQuote {
  /** Credit bought, before the bonus, in units. */
  amount: number;
  bonusAmount: number;
  /** amount + bonus: what the user's balance gains. */
  creditAmount: number;
  currency: Currency;
  /** What the provider charges, in the currency's minor unit. */
  payAmount: number;
}

export function bonusFor(rules: TopUpRules, amount: number): number {
  let bonus = 0;
  let reached = -1;
  for (const tier of rules.bonusTiers) {
    if (amount >= tier.atLeast && tier.atLeast > reached) {
      reached = tier.atLeast;
      bonus = tier.bonus;
    }
  }
  return bonus;
}

/** Minor units of `currency` for `amount` units of credit (CNY rounded up to the fen). */
export function payAmountFor(rules: TopUpRules, amount: number, currency: Currency): number {
  if (currency === 'USD') return Math.ceil(amount / UNITS_PER_CENT);
  const fen = BigInt(amount) * BigInt(rules.cnyFenPerUsd);
  return Number((fen + 999_999n) / 1_000_000n);
}

export function quoteTopUp(rules: TopUpRules, amount: number, currency: Currency): TopUpQuote {
  if (!Number.isSafeInteger(amount) || amount % UNITS_PER_CENT !== 0) {
    throw invalidAmount('The amount must be a whole number of cents.');
  }
  if (amount < rules.minAmount || amount > rules.maxAmount) {
    throw invalidAmount(
      `The amount must be between $${(rules.minAmount / 1e6).toFixed(2)} and $${(rules.maxAmount / 1e6).toFixed(2)}.`,
    );
  }
  const bonusAmount = bonusFor(rules, amount);
  return {
    amount,
    bonusAmount,
    creditAmount: amount + bonusAmount,
    currency,
    payAmount: payAmountFor(rules, amount, currency),
  };
}

function invalidAmount(message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code: 'invalid_amount', param: 'amount', message });
}
