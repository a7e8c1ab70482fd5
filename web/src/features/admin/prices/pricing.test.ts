import { describe, expect, it } from 'vitest';
import { combine, formatPrice, parsePercent, ppmToPercentText, previewSale, scale, splitRuleKey } from './pricing';

describe('prices page arithmetic', () => {
  it('shows ppm as a percentage and reads it back exactly', () => {
    expect(ppmToPercentText(1_000_000)).toBe('100');
    expect(ppmToPercentText(300_000)).toBe('30');
    expect(ppmToPercentText(333_333)).toBe('33.3333');
    expect(ppmToPercentText(0)).toBe('0');
    expect(parsePercent('30')).toBe(300_000);
    expect(parsePercent('12.5%')).toBe(125_000);
    expect(parsePercent('33.3333')).toBe(333_333);
    expect(parsePercent('100000')).toBe(1_000_000_000);
    for (const bad of ['', '-5', '1.23456', 'abc', '100001']) expect(parsePercent(bad), bad).toBeUndefined();
  });

  it('scales like the server: exact, rounded once, half up', () => {
    expect(scale(150_000, [500_000])).toBe(75_000);
    expect(scale(1, [500_000])).toBe(1); // 0.5 rounds up
    expect(scale(3, [333_333, 1_000_000])).toBe(1);
    expect(combine([800_000, 500_000, 1_000_000])).toBe(400_000);
  });

  it('previews official × global × group × model, or fixed × group', () => {
    const official = { input: 150_000, output: 600_000, cacheRead: 75_000 };
    expect(previewSale(official, { multiplierPpm: 500_000 }, 1_000_000)).toEqual({
      source: 'official×multiplier',
      multiplierPpm: 500_000,
      input: 75_000,
      output: 300_000,
      cacheRead: 37_500,
    });
    expect(previewSale(official, { fixed: { input: 1_000_000, output: 2_000_000 } }, 300_000, 900_000)).toEqual({
      source: 'fixed',
      multiplierPpm: 900_000,
      input: 900_000,
      output: 1_800_000,
    });
    expect(previewSale(null, { multiplierPpm: 500_000 }, 1_000_000)).toBeUndefined();
  });

  it('splits provider/model rule keys only for known providers', () => {
    const providers = new Set(['openai']);
    expect(splitRuleKey('openai/gpt-4o', providers)).toEqual({ provider: 'openai', id: 'gpt-4o' });
    expect(splitRuleKey('meta-llama/llama-3', providers)).toEqual({ id: 'meta-llama/llama-3' });
    expect(splitRuleKey('gpt-4o', providers)).toEqual({ id: 'gpt-4o' });
  });
});

describe('formatPrice', () => {
  it('keeps every digit that matters', () => {
    expect(formatPrice(2_500_000)).toBe('$2.50');
    expect(formatPrice(75_000)).toBe('$0.075');
    expect(formatPrice(150_000)).toBe('$0.15');
    expect(formatPrice(123)).toBe('$0.000123');
    expect(formatPrice(0)).toBe('$0.00');
    expect(formatPrice(15_000_000)).toBe('$15.00');
  });
});
