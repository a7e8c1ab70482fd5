import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../ir/index.js';
import { fromCostDocument, toCostDocument } from './channel-cost-document.js';
import { validChannelCost } from './channel-cost-field.js';

function refusal(value: unknown): { param: string | null | undefined; message: string } {
  try {
    validChannelCost(value);
  } catch (error) {
    if (isGatewayError(error)) return { param: error.param, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('validChannelCost', () => {
  it('keeps a multiplier and fixed prices per upstream model', () => {
    const cost = {
      multiplierPpm: 800_000,
      models: { 'gpt-4o': { input: 2_000_000, output: 8_000_000, cacheRead: 1_000_000 } },
    };
    expect(validChannelCost(cost)).toEqual(cost);
  });

  it('stores nothing for a cost that says nothing beyond the list price', () => {
    expect(validChannelCost(null)).toBeNull();
    expect(validChannelCost(undefined)).toBeNull();
    expect(validChannelCost({})).toBeNull();
    expect(validChannelCost({ models: {} })).toBeNull();
  });

  it.each([
    [{ multiplierPpm: -1 }, 'cost.multiplierPpm'],
    [{ multiplierPpm: 1.5 }, 'cost.multiplierPpm'],
    [{ multiplierPpm: 1_000_000_001 }, 'cost.multiplierPpm'],
    [{ models: { 'gpt-4o': { input: -5, output: 1 } } }, 'cost.models.gpt-4o.input'],
    [{ models: { 'gpt-4o': { input: 5 } } }, 'cost.models.gpt-4o'],
    [{ models: { 'gpt-*': { input: 5, output: 5 } } }, 'cost.models.gpt-*'],
    [{ models: { 'gpt-4o': { input: 1, output: 1, bogus: 1 } } }, 'cost.models.gpt-4o'],
    [{ multiplier: 5 }, 'cost'],
  ])('refuses %j naming %s', (value, param) => {
    const { param: named, message } = refusal(value);
    expect(named).toBe(param);
    expect(message).toContain(param);
  });
});

describe('the YAML form of a cost', () => {
  it('is snake_case and converts both ways without loss', () => {
    const cost = {
      multiplierPpm: 700_000,
      models: {
        'claude-sonnet-4': { input: 3_000_000, output: 15_000_000, cacheWrite1h: 6_000_000, perWebSearch: 10_000 },
        'dall-e-3': { perUnit: { 'image:1024x1024:hd': 80_000 } },
      },
    };
    const document = toCostDocument(cost);
    expect(document).toEqual({
      multiplier_ppm: 700_000,
      models: {
        'claude-sonnet-4': { input: 3_000_000, output: 15_000_000, cache_write_1h: 6_000_000, per_web_search: 10_000 },
        'dall-e-3': { per_unit: { 'image:1024x1024:hd': 80_000 } },
      },
    });
    expect(fromCostDocument(document)).toEqual(cost);
  });
});
