/**
 * The amount a person chooses to buy: a preset, or what they typed, checked against the
 * operator's limits. Pure; the price and the bonus come from the server's quote.
 */
import { parseMoney } from '../../../lib/money';
import type { BonusTier } from './payment-types';

export type AmountCheck =
  | { ok: true; units: number }
  | { ok: false; reason: 'empty' | 'invalid' | 'belowMin' | 'aboveMax' };

/** What the typed amount means in units, or why it cannot be bought (limits in units, inclusive). */
export function checkAmount(text: string, minAmount: number, maxAmount: number): AmountCheck {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const units = parseMoney(text);
  if (units === undefined || units <= 0) return { ok: false, reason: 'invalid' };
  // Credit is sold in whole cents: a sub-cent amount cannot be priced in cents or fen.
  if (units % 10_000 !== 0) return { ok: false, reason: 'invalid' };
  if (units < minAmount) return { ok: false, reason: 'belowMin' };
  if (units > maxAmount) return { ok: false, reason: 'aboveMax' };
  return { ok: true, units };
}

/** The presets a person may pick: the operator's, within the limits, without repeats, ascending. */
export function usablePresets(presets: readonly number[], minAmount: number, maxAmount: number): number[] {
  return [...new Set(presets)].filter((units) => units >= minAmount && units <= maxAmount).sort((a, b) => a - b);
}

/** The tiers as the operator set them, smallest threshold first (display only: the quote decides). */
export function sortedTiers(tiers: readonly BonusTier[]): BonusTier[] {
  return [...tiers].filter((tier) => tier.bonus > 0).sort((a, b) => a.atLeast - b.atLeast);
}
