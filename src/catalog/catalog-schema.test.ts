import { describe, expect, it } from 'vitest';
import {
  type CatalogFileInput,
  type CatalogModelInput,
  catalogFileSchema,
  catalogModelSchema,
} from './catalog-schema.js';

const source = {
  name: 'test',
  url: 'https://example.com/prices.json',
  license: 'MIT',
  copyright: 'Copyright (c) 2023 Berri AI',
  sha256: 'a'.repeat(64),
  entries: 2,
  generator: 'test',
};

const model = (overrides: Partial<CatalogModelInput> = {}): CatalogModelInput => ({
  provider: 'openai',
  id: 'gpt-4.1-mini',
  mode: 'chat',
  contextWindow: 1_047_576,
  maxOutputTokens: 32_768,
  capabilities: { tools: true },
  pricesKnown: true,
  prices: { input: 400_000, output: 1_600_000, cacheRead: 100_000 },
  ...overrides,
});

describe('catalogModelSchema', () => {
  it('fills omitted capability flags with false', () => {
    const parsed = catalogModelSchema.parse(model());
    expect(parsed.capabilities).toEqual({
      tools: true,
      vision: false,
      reasoning: false,
      structuredOutput: false,
      promptCaching: false,
      pdf: false,
      audioInput: false,
    });
  });

  it('accepts tiers, per-item prices, endpoints and deprecation dates', () => {
    const parsed = catalogModelSchema.parse(
      model({
        endpoint: 'responses',
        deprecationDate: '2026-05-25',
        prices: {
          input: 3_000_000,
          output: 15_000_000,
          perInputImage: 4_800,
          tiers: [
            { aboveInputTokens: 32_000, input: 4_000_000 },
            { aboveInputTokens: 200_000, input: 6_000_000, output: 22_500_000 },
          ],
        },
      }),
    );
    expect(parsed.prices.tiers).toHaveLength(2);
    expect(parsed.endpoint).toBe('responses');
  });

  it('rejects float, negative and unsafe prices', () => {
    for (const input of [1.5, -1, 2 ** 53]) {
      expect(catalogModelSchema.safeParse(model({ prices: { input, output: 1 } })).success, String(input)).toBe(false);
    }
  });

  it('rejects a chat model marked pricesKnown without input and output prices', () => {
    expect(catalogModelSchema.safeParse(model({ prices: { input: 1 } })).success).toBe(false);
    expect(catalogModelSchema.safeParse(model({ pricesKnown: false, prices: { input: 1 } })).success).toBe(true);
    expect(catalogModelSchema.safeParse(model({ mode: 'image', prices: {} })).success).toBe(false);
    expect(catalogModelSchema.safeParse(model({ mode: 'image', prices: { perImage: 40_000 } })).success).toBe(true);
  });

  it('rejects tiers out of order, unknown keys, bad provider names and bad dates', () => {
    const tiers = [
      { aboveInputTokens: 200_000, input: 2 },
      { aboveInputTokens: 128_000, input: 3 },
    ];
    expect(catalogModelSchema.safeParse(model({ prices: { input: 1, output: 1, tiers } })).success).toBe(false);
    expect(catalogModelSchema.safeParse({ ...model(), extra: 1 }).success).toBe(false);
    expect(catalogModelSchema.safeParse(model({ prices: { input: 1, output: 1, free: 0 } as never })).success).toBe(
      false,
    );
    expect(catalogModelSchema.safeParse(model({ provider: 'Open AI' })).success).toBe(false);
    expect(catalogModelSchema.safeParse(model({ deprecationDate: '2026-13-01' })).success).toBe(false);
    expect(catalogModelSchema.safeParse(model({ id: '' })).success).toBe(false);
  });
});

describe('catalogFileSchema', () => {
  const file = (models: CatalogModelInput[]): CatalogFileInput => ({ version: 1, source, models });

  it('accepts the same id under two providers', () => {
    const parsed = catalogFileSchema.parse(file([model(), model({ provider: 'azure' })]));
    expect(parsed.models).toHaveLength(2);
  });

  it('rejects a duplicate provider + id', () => {
    const result = catalogFileSchema.safeParse(file([model(), model()]));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/duplicate model openai\/gpt-4\.1-mini/);
  });

  it('rejects another version', () => {
    expect(catalogFileSchema.safeParse({ ...file([]), version: 2 }).success).toBe(false);
  });
});
