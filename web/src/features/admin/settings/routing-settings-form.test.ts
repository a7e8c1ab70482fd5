import { describe, expect, it } from 'vitest';
import {
  newDefaultModelRow,
  newHedgeRow,
  placeOfRoutingParam,
  type RoutingSettings,
  readRoutingDraft,
  routingChanged,
  routingDraftOf,
} from './routing-settings-form';

const stored: RoutingSettings = {
  routingPolicy: 'weighted',
  hedging: { groups: { '*': 'p95', vip: 800 }, requestHeader: true, defaultDelayMs: 2000 },
  streamContinuation: false,
  defaultModels: { '*': 'gpt-4o-mini' },
};

describe('routing settings form', () => {
  it('round-trips the stored settings, unchanged until edited', () => {
    const draft = routingDraftOf(stored);
    expect(readRoutingDraft(draft)).toEqual({ value: stored, issues: {} });
    expect(routingChanged(draft, stored)).toBe(false);
    expect(routingChanged({ ...draft, routingPolicy: 'cheapest' }, stored)).toBe(true);
    // Rows in another order mean the same settings.
    expect(routingChanged({ ...draft, hedges: [...draft.hedges].reverse() }, stored)).toBe(false);
  });

  it('names the rows it cannot send, leaving ranges to the server', () => {
    const draft = routingDraftOf(stored);
    const blank = newHedgeRow();
    const twice = { ...newHedgeRow('vip'), mode: 'fixed' as const, delayMs: '1.5' };
    const tooShort = { ...newHedgeRow('fast'), mode: 'fixed' as const, delayMs: '10' };
    const noModel = newDefaultModelRow('vip');
    const { value, issues } = readRoutingDraft({
      ...draft,
      hedges: [...draft.hedges, blank, twice, tooShort],
      defaultDelayMs: 'soon',
      defaultModels: [...draft.defaultModels, noModel],
    });
    expect(issues).toEqual({
      [`hedge.${blank.id}.group`]: 'groupRequired',
      [`hedge.${twice.id}.group`]: 'groupDuplicate',
      [`hedge.${twice.id}.delay`]: 'wholeNumber',
      defaultDelayMs: 'wholeNumber',
      [`default.${noModel.id}.model`]: 'modelRequired',
    });
    expect(value.hedging.groups.fast).toBe(10);
  });

  it('puts a server error on the row it names', () => {
    const draft = routingDraftOf(stored);
    const vip = draft.hedges.find((row) => row.group === 'vip');
    const all = draft.hedges.find((row) => row.group === '*');
    const everyone = draft.defaultModels[0];
    expect(placeOfRoutingParam('hedging.groups.vip', draft)).toBe(`hedge.${vip?.id}.delay`);
    expect(placeOfRoutingParam('hedging.groups.*', draft)).toBe(`hedge.${all?.id}.group`);
    expect(placeOfRoutingParam('hedging.defaultDelayMs', draft)).toBe('defaultDelayMs');
    expect(placeOfRoutingParam('defaultModels.*', draft)).toBe(`default.${everyone?.id}.model`);
    expect(placeOfRoutingParam('routingPolicy', draft)).toBe('routingPolicy');
    expect(placeOfRoutingParam('somethingElse', draft)).toBe('form');
    expect(placeOfRoutingParam(null, draft)).toBe('form');
  });
});
