import { describe, expect, it } from 'vitest';
import {
  combine,
  formatPrice,
  parsePercent,
  ppmToPercentText,
  previewSale,
  scale,
  scalePerUnit,
  splitRuleKey,
} from './pricing';

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

  it('scales every per-unit price like the server, each key rounded once, half up', () => {
    // dall-e-3's official prices (src/catalog/media-prices.ts), units per image.
    const official = { perUnit: { 'image:1024x1024:standard': 40_000, 'image:1024x1024:hd': 80_000 } };
    expect(previewSale(official, { multiplierPpm: 1_500_000 }, 800_000, 900_000)).toEqual({
      source: 'official×multiplier',
      multiplierPpm: 1_080_000,
      perUnit: { 'image:1024x1024:standard': 43_200, 'image:1024x1024:hd': 86_400 },
    });
    // Rounded per key from the exact product, not from the combined multiplier: 3 × 1/3 × 1/2 = 0.5 → 1.
    expect(scalePerUnit({ 'mj:upscale': 3 }, [333_334, 500_000])).toEqual({ 'mj:upscale': 1 });
    expect(scalePerUnit({ character: 15 }, [1_000_000])).toEqual({ character: 15 });
  });

  it('previews a fixed per-unit price × group only, with no token prices needed', () => {
    const official = { perUnit: { 'image:1024x1024:hd': 80_000 } };
    const rule = { fixed: { perUnit: { 'image:1024x1024:hd': 90_000, 'video_second:1280x720': 250_001 } } };
    expect(previewSale(official, rule, 300_000, 500_000)).toEqual({
      source: 'fixed',
      multiplierPpm: 500_000,
      perUnit: { 'image:1024x1024:hd': 45_000, 'video_second:1280x720': 125_001 },
    });
    expect(previewSale(undefined, rule, 300_000)?.perUnit).toEqual(rule.fixed.perUnit);
  });

  it('previews image token prices with the other token prices', () => {
    const official = { input: 5_000_000, output: 40_000_000, inputImage: 10_000_000, outputImage: 40_000_000 };
    expect(previewSale(official, { multiplierPpm: 500_000 }, 1_000_000)).toMatchObject({
      inputImage: 5_000_000,
      outputImage: 20_000_000,
    });
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
