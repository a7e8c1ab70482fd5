import { describe, expect, it } from 'vitest';
import {
  isTopUpDirty,
  newTierRow,
  parseTopUpDraft,
  type TopUpRules,
  tierBonusUnits,
  topUpDraftOf,
  topUpFieldForParam,
  withMethod,
} from './topup-form';

const DOLLAR = 1_000_000;
const stored: TopUpRules = {
  enabledMethods: ['epay'],
  presets: [5 * DOLLAR, 10 * DOLLAR],
  minAmount: DOLLAR,
  maxAmount: 500 * DOLLAR,
  bonusTiers: [{ atLeast: 100 * DOLLAR, bonus: 10 * DOLLAR }],
  cnyFenPerUsd: 720,
};

describe('top-up rules form', () => {
  it('round-trips the stored rules through the draft', () => {
    const draft = topUpDraftOf(stored);
    expect(draft).toMatchObject({ presets: '5, 10', minAmount: '1', maxAmount: '500', cnyPerUsd: '7.20' });
    expect(parseTopUpDraft(draft)).toEqual({ value: stored, errors: {} });
    expect(isTopUpDirty(draft, stored)).toBe(false);
  });

  it('reads presets separated by commas or spaces, and a percentage bonus as units of its threshold', () => {
    const draft = topUpDraftOf(stored);
    draft.presets = '20，50 100';
    draft.bonusTiers = [{ ...newTierRow(), atLeast: '50', kind: 'percent', bonus: '5%' }, ...draft.bonusTiers];
    draft.cnyPerUsd = '7.1';
    const { value, errors } = parseTopUpDraft(draft);
    expect(errors).toEqual({});
    expect(value.presets).toEqual([20 * DOLLAR, 50 * DOLLAR, 100 * DOLLAR]);
    // Sorted by threshold, as the server applies them.
    expect(value.bonusTiers).toEqual([
      { atLeast: 50 * DOLLAR, bonus: 2.5 * DOLLAR },
      { atLeast: 100 * DOLLAR, bonus: 10 * DOLLAR },
    ]);
    expect(value.cnyFenPerUsd).toBe(710);
    expect(isTopUpDirty(draft, stored)).toBe(true);
  });

  it('refuses what the server refuses', () => {
    const draft = topUpDraftOf(stored);
    draft.presets = '5, 0.001';
    draft.minAmount = '600';
    draft.cnyPerUsd = '1000.01';
    const first = newTierRow();
    const second = newTierRow();
    draft.bonusTiers = [
      { ...first, atLeast: '100', bonus: '-1' },
      { ...second, atLeast: '100.00', kind: 'percent', bonus: '2000' },
    ];
    expect(parseTopUpDraft(draft).errors).toEqual({
      presets: 'credit',
      minAmount: 'minAboveMax',
      cnyPerUsd: 'rate',
      [`tiers.${first.id}.bonus`]: 'bonus',
      [`tiers.${second.id}.atLeast`]: 'duplicateTier',
      [`tiers.${second.id}.bonus`]: 'percent',
    });
    draft.presets = Array.from({ length: 13 }, (_, index) => String(index + 1)).join(',');
    expect(parseTopUpDraft(draft).errors.presets).toBe('presetsTooMany');
    draft.maxAmount = '';
    expect(parseTopUpDraft(draft).errors.maxAmount).toBe('credit');
  });

  it('computes tier bonuses', () => {
    expect(tierBonusUnits({ id: 1, atLeast: '', kind: 'amount', bonus: '1.5' }, undefined)).toBe(1.5 * DOLLAR);
    expect(tierBonusUnits({ id: 1, atLeast: '', kind: 'percent', bonus: '10' }, 33 * DOLLAR)).toBe(3.3 * DOLLAR);
    expect(tierBonusUnits({ id: 1, atLeast: '', kind: 'percent', bonus: '10' }, undefined)).toBeUndefined();
  });

  it('keeps the order methods were switched on in', () => {
    expect(withMethod(['epay'], 'stripe', true)).toEqual(['epay', 'stripe']);
    expect(withMethod(['epay', 'stripe'], 'epay', false)).toEqual(['stripe']);
    expect(withMethod(['epay'], 'epay', true)).toEqual(['epay']);
  });

  it('places a server error on its field', () => {
    const draft = topUpDraftOf(stored);
    const low = { ...newTierRow(), atLeast: '20', bonus: '1' };
    draft.bonusTiers = [...draft.bonusTiers, low];
    expect(topUpFieldForParam('topUp.bonusTiers[0].bonus', draft)).toBe(`tiers.${low.id}.bonus`);
    expect(topUpFieldForParam('topUp.presets[3]', draft)).toBe('presets');
    expect(topUpFieldForParam('topUp.cnyFenPerUsd', draft)).toBe('cnyPerUsd');
    expect(topUpFieldForParam('topUp.minAmount', draft)).toBe('minAmount');
    expect(topUpFieldForParam('topUp.bonusTiers[9]', draft)).toBe('bonusTiers');
  });
});
