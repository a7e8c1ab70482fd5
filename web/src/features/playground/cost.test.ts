/// <reference types="node" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costOf } from '../../../../src/billing/cost.js';
import type { ChatUsage } from './chat-stream';
import { type CatalogModelPrice, estimateReplyCost, fetchLoggedCost, findModelPrice, type ModelPrice } from './cost';

const usage = (fields: Partial<ChatUsage>): ChatUsage => ({
  promptTokens: 0,
  completionTokens: 0,
  totalTokens: 0,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 0,
  ...fields,
});

/** The server's computation for the same usage (OpenAI's usage shape: totals include the parts). */
function serverCost(reply: ChatUsage, price: ModelPrice): number {
  return costOf(
    {
      inputTokens: {
        total: reply.promptTokens,
        cacheRead: reply.cachedTokens,
        cacheWrite: reply.cacheWriteTokens,
        cacheWrite1h: reply.cacheWrite1hTokens,
      },
      outputTokens: { total: reply.completionTokens, reasoning: reply.reasoningTokens },
    },
    { ...price, known: true, source: 'official×multiplier', multiplierPpm: 1_000_000 },
  ).units;
}

describe('estimateReplyCost', () => {
  const claude: ModelPrice = {
    input: 3_000_000,
    output: 15_000_000,
    cacheRead: 300_000,
    cacheWrite: 3_750_000,
    cacheWrite1h: 6_000_000,
  };
  const claudeWithoutOneHourPrice: ModelPrice = {
    input: 3_000_000,
    output: 15_000_000,
    cacheRead: 300_000,
    cacheWrite: 3_750_000,
  };
  const tieredClaude: ModelPrice = {
    ...claude,
    tiers: [{ aboveInputTokens: 200_000, input: 6_000_000, cacheWrite: 7_500_000, cacheWrite1h: 12_000_000 }],
  };
  const gemini: ModelPrice = {
    input: 1_250_000,
    output: 10_000_000,
    tiers: [{ aboveInputTokens: 200_000, input: 2_500_000, output: 15_000_000 }],
  };
  const reasoner: ModelPrice = { input: 550_000, output: 2_190_000, reasoning: 4_000_000, perRequest: 7 };

  it.each([
    ['plain', usage({ promptTokens: 1000, completionTokens: 500 }), claude],
    [
      'cached and written prompt',
      usage({ promptTokens: 1200, completionTokens: 500, cachedTokens: 200, cacheWriteTokens: 300 }),
      claude,
    ],
    [
      'one-hour and five-minute cache writes',
      usage({
        promptTokens: 8_157,
        completionTokens: 33,
        cachedTokens: 50,
        cacheWriteTokens: 8_000,
        cacheWrite1hTokens: 6_001,
      }),
      claude,
    ],
    [
      'one-hour writes without a one-hour price',
      usage({ promptTokens: 10_100, completionTokens: 50, cacheWriteTokens: 10_000, cacheWrite1hTokens: 10_000 }),
      claudeWithoutOneHourPrice,
    ],
    [
      'one-hour writes in a long-context tier',
      usage({ promptTokens: 250_000, completionTokens: 50, cacheWriteTokens: 240_000, cacheWrite1hTokens: 200_001 }),
      tieredClaude,
    ],
    [
      'more one-hour writes than writes (a vendor inconsistency)',
      usage({ promptTokens: 900, completionTokens: 5, cacheWriteTokens: 300, cacheWrite1hTokens: 500 }),
      claude,
    ],
    ['one token, rounded half up', usage({ promptTokens: 1, completionTokens: 0 }), { input: 500_000 }],
    ['just below half', usage({ promptTokens: 1, completionTokens: 0 }), { input: 499_999 }],
    ['long-context tier', usage({ promptTokens: 250_000, completionTokens: 2_000 }), gemini],
    ['at the tier threshold', usage({ promptTokens: 200_000, completionTokens: 2_000 }), gemini],
    [
      'reasoning priced apart, per request',
      usage({ promptTokens: 12, completionTokens: 900, reasoningTokens: 700 }),
      reasoner,
    ],
    ['free model', usage({ promptTokens: 10_000, completionTokens: 10_000 }), { input: 0, output: 0 }],
    [
      'ten million tokens at a high price',
      usage({ promptTokens: 10_000_000, completionTokens: 1 }),
      { input: 900_000_000 },
    ],
  ])('matches the server for %s', (_name, reply, price) => {
    expect(estimateReplyCost(reply, price).units).toBe(serverCost(reply, price));
  });

  it('itemises the classes it charged', () => {
    const estimate = estimateReplyCost(usage({ promptTokens: 1200, completionTokens: 500, cachedTokens: 200 }), claude);
    expect(estimate.lines).toEqual([
      { class: 'input', tokens: 1000, pricePerMillion: 3_000_000 },
      { class: 'cacheRead', tokens: 200, pricePerMillion: 300_000 },
      { class: 'output', tokens: 500, pricePerMillion: 15_000_000 },
    ]);
    expect(estimate.units).toBe(3000 + 60 + 7500);
  });

  it('prices one-hour cache writes apart from five-minute writes', () => {
    const reply = usage({
      promptTokens: 10_100,
      completionTokens: 0,
      cacheWriteTokens: 10_000,
      cacheWrite1hTokens: 6_000,
    });
    const estimate = estimateReplyCost(reply, claude);
    expect(estimate.lines).toEqual([
      { class: 'input', tokens: 100, pricePerMillion: 3_000_000 },
      { class: 'cacheWrite', tokens: 4_000, pricePerMillion: 3_750_000 },
      { class: 'cacheWrite1h', tokens: 6_000, pricePerMillion: 6_000_000 },
    ]);
    expect(estimate.units).toBe(300 + 15_000 + 36_000);
    // Read as five-minute writes, the same usage would cost less: the split matters.
    expect(estimateReplyCost({ ...reply, cacheWrite1hTokens: 0 }, claude).units).toBe(300 + 37_500);
  });
});

describe('findModelPrice', () => {
  const models: CatalogModelPrice[] = [
    { id: 'm', provider: 'unpriced', pricesKnown: false, sale: null },
    { id: 'm', provider: 'openrouter', pricesKnown: true, sale: { input: 2, output: 3 } },
    { id: 'm', provider: 'openai', pricesKnown: true, sale: { input: 1, output: 2 } },
  ];

  it('prefers the provider that served, else the first known price', () => {
    expect(findModelPrice(models, 'm', 'openai')).toEqual({ input: 1, output: 2 });
    expect(findModelPrice(models, 'm')).toEqual({ input: 2, output: 3 });
    expect(findModelPrice(models, 'm', 'unpriced')).toEqual({ input: 2, output: 3 });
    expect(findModelPrice(models, 'other')).toBeUndefined();
  });
});

describe('fetchLoggedCost', () => {
  let server: Server;
  let origin: string;
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url!, 'http://localhost');
      expect(url.searchParams.get('waitMs')).toBe('2000');
      const id = decodeURIComponent(url.pathname.replace('/api/logs/', ''));
      const seen = (hits.get(id) ?? 0) + 1;
      hits.set(id, seen);
      if (id === 'never' || seen < 3) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'No request log', code: 'log_not_found' } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          id,
          cost: 1234,
          promptTokens: 10,
          completionTokens: 20,
          cachedTokens: 0,
          reasoningTokens: 5,
          usageEstimated: false,
          cachedResponse: false,
          latencyMs: 321,
          ttftMs: 45,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks again until the row is written', async () => {
    const logged = await fetchLoggedCost('req/1', { baseUrl: origin, intervalMs: 5 });
    expect(logged).toEqual({
      requestId: 'req/1',
      cost: 1234,
      promptTokens: 10,
      completionTokens: 20,
      cachedTokens: 0,
      reasoningTokens: 5,
      usageEstimated: false,
      cachedResponse: false,
      latencyMs: 321,
      ttftMs: 45,
    });
    expect(hits.get('req/1')).toBe(3);
  });

  it('gives up with null, and stops when aborted', async () => {
    expect(await fetchLoggedCost('never', { baseUrl: origin, intervalMs: 1, attempts: 3 })).toBeNull();
    const controller = new AbortController();
    const pending = fetchLoggedCost('never', { baseUrl: origin, intervalMs: 1_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeDefined();
  });
});
