import { describe, expect, it } from 'vitest';
import {
  costFormOf,
  newCostRow,
  parseFactor,
  placeOfCostParam,
  ppmToFactorText,
  readCostForm,
  upstreamModelSuggestions,
} from './cost-form';

describe('channel cost form', () => {
  it.each([
    ['0.3', 300_000],
    ['×0.3', 300_000],
    ['.5', 500_000],
    ['1', 1_000_000],
    ['0.000001', 1],
    ['1000', 1_000_000_000],
  ])('reads the factor %s as %i ppm', (text, ppm) => {
    expect(parseFactor(text)).toBe(ppm);
    expect(parseFactor(ppmToFactorText(ppm))).toBe(ppm);
  });

  it.each(['', '.', 'abc', '-1', '1000.1', '0.0000001', '1e3'])('refuses the factor %j', (text) => {
    expect(parseFactor(text)).toBeUndefined();
  });

  it('round-trips a stored cost, keeping the prices it does not show', () => {
    const stored = {
      multiplierPpm: 300_000,
      models: { 'gpt-4o': { input: 2_500_000, output: 10_000_000, inputAudio: 40_000_000 } },
    };
    const form = costFormOf(stored);
    expect(form.multiplier).toBe('0.3');
    expect(form.models[0]?.prices.input).toBe('2.5');
    expect(readCostForm(form)).toEqual({ value: stored, issues: {} });
  });

  it('sends null for the list price, and names the places it cannot send', () => {
    expect(readCostForm({ multiplier: ' ', models: [] }).value).toBeNull();
    const blank = newCostRow();
    const half = { ...newCostRow('gpt-4o'), prices: { ...newCostRow().prices, input: '2.5' } };
    const twice = { ...newCostRow('gpt-4o'), prices: { ...newCostRow().prices, perRequest: 'x' } };
    const { issues } = readCostForm({ multiplier: '2000', models: [blank, half, twice] });
    expect(issues).toEqual({
      multiplier: 'multiplier',
      [`${blank.id}.model`]: 'modelRequired',
      [`${blank.id}.input`]: 'pricesRequired',
      [`${half.id}.output`]: 'pricesRequired',
      [`${twice.id}.model`]: 'modelDuplicate',
      [`${twice.id}.perRequest`]: 'price',
    });
  });

  it('puts a server error on the field it names, model ids with dots included', () => {
    const form = costFormOf({ models: { 'gpt-4': { perRequest: 1 }, 'gpt-4.1': { perRequest: 1 } } });
    const [four, fourOne] = form.models;
    expect(placeOfCostParam('cost.multiplierPpm', form)).toBe('multiplier');
    expect(placeOfCostParam('cost.models.gpt-4.1.input', form)).toBe(`${fourOne?.id}.input`);
    expect(placeOfCostParam('cost.models.gpt-4.output', form)).toBe(`${four?.id}.output`);
    expect(placeOfCostParam('cost.models.gpt-4', form)).toBe(`${four?.id}.model`);
    expect(placeOfCostParam('cost.models.other.input', form)).toBe('cost');
    expect(placeOfCostParam('cost', form)).toBe('cost');
  });

  it('suggests the upstream ids a channel sends', () => {
    expect(
      upstreamModelSuggestions(['gpt-4o', 'gpt-4o-mini', 'o*'], [{ name: 'gpt-4o', value: 'gpt-4o-2024-08-06' }]),
    ).toEqual(['gpt-4o-2024-08-06', 'gpt-4o-mini']);
  });
});
