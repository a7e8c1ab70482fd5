/**
 * The `topUp` operator setting as the Top-up rules form edits it (text as typed) and back, with
 * the server's rules (src/payments/topup-quote.ts) checked first: credit in whole cents, at most
 * 12 presets and 20 bonus tiers, min ≤ max, a rate of 0.01–1000 CNY per USD. Errors are codes
 * (`topUp.errors.<code>` in payments-admin.json). Pure.
 */

import { parseMoney, unitsToDecimal } from '../../../lib/money';
import type { Settings } from '../settings/api';
import { cnyPerUsdText, parseCnyPerUsd } from './payment-format';
import type { PaymentMethod } from './types';

export type TopUpRules = Settings['topUp'];

/** Credit is bought in whole cents (UNITS_PER_CENT on the server). */
export const UNITS_PER_CENT = 10_000;
export const MAX_PRESETS = 12;
export const MAX_TIERS = 20;
const MAX_FEN_PER_USD = 100_000;

export type BonusKind = 'amount' | 'percent';

export interface TierRow {
  id: number;
  atLeast: string;
  kind: BonusKind;
  bonus: string;
}

export interface TopUpDraft {
  enabledMethods: PaymentMethod[];
  /** Dollar amounts separated by commas or spaces. */
  presets: string;
  minAmount: string;
  maxAmount: string;
  bonusTiers: TierRow[];
  cnyPerUsd: string;
}

export type TopUpError =
  | 'credit'
  | 'presetsTooMany'
  | 'minAboveMax'
  | 'tiersTooMany'
  | 'duplicateTier'
  | 'bonus'
  | 'percent'
  | 'rate';

/** Field key (`presets`, `tiers.<row id>.atLeast`...) → error code. */
export type TopUpErrors = Record<string, TopUpError>;

let rowIds = 0;
export function newTierRow(): TierRow {
  return { id: ++rowIds, atLeast: '', kind: 'amount', bonus: '' };
}

export function topUpDraftOf(rules: TopUpRules): TopUpDraft {
  return {
    enabledMethods: [...rules.enabledMethods],
    presets: rules.presets.map(unitsToDecimal).join(', '),
    minAmount: unitsToDecimal(rules.minAmount),
    maxAmount: unitsToDecimal(rules.maxAmount),
    bonusTiers: rules.bonusTiers.map((tier) => ({
      id: ++rowIds,
      atLeast: unitsToDecimal(tier.atLeast),
      kind: 'amount',
      bonus: unitsToDecimal(tier.bonus),
    })),
    cnyPerUsd: cnyPerUsdText(rules.cnyFenPerUsd),
  };
}

/** Units for a credit amount: positive and whole cents; undefined otherwise. */
export function parseCredit(text: string): number | undefined {
  const units = parseMoney(text);
  return units !== undefined && units > 0 && units % UNITS_PER_CENT === 0 ? units : undefined;
}

/** Bonus units of a tier: an amount ($, ≥ 0) or a percentage (0–1000) of its threshold, rounded to a unit. */
export function tierBonusUnits(row: TierRow, atLeast: number | undefined): number | undefined {
  if (row.kind === 'amount') {
    const units = parseMoney(row.bonus);
    return units !== undefined && units >= 0 ? units : undefined;
  }
  const text = row.bonus.trim().replace(/%$/, '');
  if (!/^\d+(\.\d+)?$/.test(text) || atLeast === undefined) return undefined;
  const percent = Number(text);
  return percent <= 1000 ? Math.round((atLeast * percent) / 100) : undefined;
}

/** Adds (or removes) a method at the end of the offered list, keeping the order of the others. */
export function withMethod(methods: PaymentMethod[], method: PaymentMethod, on: boolean): PaymentMethod[] {
  const rest = methods.filter((item) => item !== method);
  return on ? [...rest, method] : rest;
}

export function parseTopUpDraft(draft: TopUpDraft): { value: TopUpRules; errors: TopUpErrors } {
  const errors: TopUpErrors = {};
  const presetTexts = draft.presets.split(/[\s,，]+/).filter(Boolean);
  const presets = presetTexts.map(parseCredit);
  if (presets.some((units) => units === undefined)) errors.presets = 'credit';
  else if (presets.length > MAX_PRESETS) errors.presets = 'presetsTooMany';

  const minAmount = parseCredit(draft.minAmount);
  const maxAmount = parseCredit(draft.maxAmount);
  if (minAmount === undefined) errors.minAmount = 'credit';
  if (maxAmount === undefined) errors.maxAmount = 'credit';
  if (minAmount !== undefined && maxAmount !== undefined && minAmount > maxAmount) errors.minAmount = 'minAboveMax';

  const bonusTiers: TopUpRules['bonusTiers'] = [];
  const seen = new Set<number>();
  for (const row of draft.bonusTiers) {
    const atLeast = parseCredit(row.atLeast);
    if (atLeast === undefined) errors[`tiers.${row.id}.atLeast`] = 'credit';
    else if (seen.has(atLeast)) errors[`tiers.${row.id}.atLeast`] = 'duplicateTier';
    if (atLeast !== undefined) seen.add(atLeast);
    const bonus = tierBonusUnits(row, atLeast);
    if (bonus === undefined) errors[`tiers.${row.id}.bonus`] = row.kind === 'percent' ? 'percent' : 'bonus';
    bonusTiers.push({ atLeast: atLeast ?? 0, bonus: bonus ?? 0 });
  }
  if (draft.bonusTiers.length > MAX_TIERS) errors.bonusTiers = 'tiersTooMany';

  const cnyFenPerUsd = parseCnyPerUsd(draft.cnyPerUsd);
  if (cnyFenPerUsd === undefined || cnyFenPerUsd > MAX_FEN_PER_USD) errors.cnyPerUsd = 'rate';

  return {
    value: {
      enabledMethods: [...draft.enabledMethods],
      presets: presets.map((units) => units ?? 0),
      minAmount: minAmount ?? 0,
      maxAmount: maxAmount ?? 0,
      bonusTiers: [...bonusTiers].sort((a, b) => a.atLeast - b.atLeast),
      cnyFenPerUsd: cnyFenPerUsd ?? 0,
    },
    errors,
  };
}

/** Whether saving would change the stored rules (what the fields mean, not how they are typed). */
export function isTopUpDirty(draft: TopUpDraft, stored: TopUpRules): boolean {
  const { value, errors } = parseTopUpDraft(draft);
  if (Object.keys(errors).length > 0) return true;
  const sortedStored = { ...stored, bonusTiers: [...stored.bonusTiers].sort((a, b) => a.atLeast - b.atLeast) };
  return JSON.stringify(value) !== JSON.stringify(sortedStored);
}

/**
 * Where a server error belongs: `topUp.bonusTiers[1].bonus` → the second tier row's bonus field
 * (rows are sent sorted by threshold, as parseTopUpDraft sends them); other names map to their field.
 */
export function topUpFieldForParam(param: string, draft: TopUpDraft): string {
  const name = param.replace(/^topUp\.?/, '');
  const tier = /^bonusTiers\[(\d+)\](?:\.(atLeast|bonus))?/.exec(name);
  if (tier) {
    const sorted = [...draft.bonusTiers].sort((a, b) => (parseCredit(a.atLeast) ?? 0) - (parseCredit(b.atLeast) ?? 0));
    const row = sorted[Number(tier[1])];
    return row ? `tiers.${row.id}.${tier[2] ?? 'atLeast'}` : 'bonusTiers';
  }
  if (name.startsWith('presets')) return 'presets';
  if (name === 'cnyFenPerUsd') return 'cnyPerUsd';
  if (name === 'minAmount' || name === 'maxAmount' || name === 'enabledMethods') return name;
  return name.split(/[.[]/)[0] || 'form';
}
