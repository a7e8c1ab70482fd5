/**
 * AIHub's own per-unit list prices for media models, on top of the generated catalog: what the
 * LiteLLM list gives as one flat figure (or not at all) but the vendors bill by size, quality,
 * resolution or action. Units per ONE unit (1e-6 USD), by unit key (src/billing/unit-prices.ts).
 * Operators change them like any price: a multiplier, a fixed price with `perUnit`, or a catalog
 * override. One row per model, sorted by provider then id; each row names its source.
 */
import type { CatalogModelInput } from './catalog-schema.js';

export interface MediaPriceRow {
  provider: string;
  id: string;
  /** Merged over the catalog entry's own `prices.perUnit`. */
  perUnit: Readonly<Record<string, number>>;
  /** Units per 1M input tokens, for a model billed by token that the catalog lacks (a reranker). */
  input?: number;
  /** For a model the generated catalog lacks: the rest of its entry (it is added as known-priced). */
  entry?: Omit<CatalogModelInput, 'provider' | 'id' | 'prices' | 'pricesKnown'>;
  /** Where the figures come from. */
  source: string;
}

const OPENAI_PRICING = 'platform.openai.com/docs/pricing (2026-12)';

export const MEDIA_PRICES: readonly MediaPriceRow[] = [
  {
    provider: 'cohere',
    id: 'rerank-v4.0-fast',
    perUnit: { search: 2_000 },
    entry: { mode: 'rerank', contextWindow: 32_768, capabilities: {} },
    source: "the catalog's azure-ai/cohere-rerank-v4.0-fast per-search price (Cohere's own list has the same)",
  },
  {
    provider: 'cohere',
    id: 'rerank-v4.0-pro',
    perUnit: { search: 2_500 },
    entry: { mode: 'rerank', contextWindow: 32_768, capabilities: {} },
    source: "the catalog's azure-ai/cohere-rerank-v4.0-pro per-search price (Cohere's own list has the same)",
  },
  {
    provider: 'dashscope',
    id: 'gte-rerank-v2',
    perUnit: {},
    input: 115_000,
    entry: { mode: 'rerank', contextWindow: 30_000, capabilities: {} },
    source: 'alibabacloud.com/help/en/model-studio/text-rerank-api ($0.115 per 1M input tokens, 2025-10)',
  },
  {
    provider: 'midjourney',
    id: 'midjourney',
    perUnit: {
      'mj:imagine': 100_000,
      'mj:variation': 100_000,
      'mj:reroll': 100_000,
      'mj:zoom': 100_000,
      'mj:pan': 100_000,
      'mj:blend': 100_000,
      'mj:modal': 100_000,
      'mj:upscale': 50_000,
      'mj:describe': 50_000,
    },
    entry: { mode: 'image', capabilities: {} },
    source: "AIHub's defaults, in line with what Midjourney relays charge per action (an operator sets their own)",
  },
  {
    provider: 'openai',
    id: 'dall-e-2',
    perUnit: { 'image:256x256': 16_000, 'image:512x512': 18_000, 'image:1024x1024': 20_000 },
    source: OPENAI_PRICING,
  },
  {
    provider: 'openai',
    id: 'dall-e-3',
    perUnit: {
      'image:1024x1024:standard': 40_000,
      'image:1024x1792:standard': 80_000,
      'image:1792x1024:standard': 80_000,
      'image:1024x1024:hd': 80_000,
      'image:1024x1792:hd': 120_000,
      'image:1792x1024:hd': 120_000,
    },
    source: OPENAI_PRICING,
  },
  {
    provider: 'openai',
    id: 'sora-2',
    perUnit: { 'video_second:720x1280': 100_000, 'video_second:1280x720': 100_000 },
    source: OPENAI_PRICING,
  },
  {
    provider: 'openai',
    id: 'sora-2-pro',
    perUnit: {
      'video_second:720x1280': 300_000,
      'video_second:1280x720': 300_000,
      'video_second:1024x1792': 500_000,
      'video_second:1792x1024': 500_000,
    },
    source: OPENAI_PRICING,
  },
];

/** The generated catalog's models with AIHub's media prices merged in (and the models it lacks added). */
export function withMediaPrices(models: readonly CatalogModelInput[]): CatalogModelInput[] {
  const rows = new Map(MEDIA_PRICES.map((row) => [`${row.provider}/${row.id}`, row]));
  const out = models.map((model) => {
    const row = rows.get(`${model.provider}/${model.id}`);
    if (!row) return model;
    rows.delete(`${model.provider}/${model.id}`);
    const prices = { ...model.prices, perUnit: { ...model.prices?.perUnit, ...row.perUnit } };
    if (row.input !== undefined) prices.input = row.input;
    return { ...model, prices, pricesKnown: true };
  });
  for (const row of rows.values()) {
    if (!row.entry) continue;
    const prices = row.input !== undefined ? { perUnit: row.perUnit, input: row.input } : { perUnit: row.perUnit };
    out.push({ ...row.entry, provider: row.provider, id: row.id, pricesKnown: true, prices });
  }
  // Sorted as the generated file is, so the catalog's order stays deterministic.
  return out.sort((a, b) => (a.provider !== b.provider ? (a.provider < b.provider ? -1 : 1) : a.id < b.id ? -1 : 1));
}
