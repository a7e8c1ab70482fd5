import { describe, expect, it } from 'vitest';
import { isGatewayError, type ProviderPreferences } from '../ir/index.js';
import type { Channel } from './channel.js';
import type { RouteCandidate } from './model-router.js';
import { type CandidateFacts, preferenceOrder, preferredRoutes } from './provider-preferences.js';

const route = (vendor: string, name = vendor): RouteCandidate => ({
  channel: { id: name, name, vendor } as Channel,
  upstreamModel: 'm',
});
const openai = route('openai');
const deepseek = route('deepseek');
const openrouter = route('openrouter');
const all = [openai, deepseek, openrouter];

/** Prices in units per 1M tokens; speeds as measured. */
const facts = (overrides: Partial<CandidateFacts> = {}): CandidateFacts => ({
  price: (c) =>
    ({ openai: { prompt: 400_000, completion: 1_600_000 }, deepseek: { prompt: 270_000, completion: 1_100_000 } })[
      c.channel.vendor as 'openai' | 'deepseek'
    ],
  cost: () => undefined,
  droppedParams: (c) => (c.channel.vendor === 'openrouter' ? ['logit_bias'] : []),
  speed: (c) =>
    ({ openai: { ttftMs: 300, tokensPerSecond: 90 }, deepseek: { ttftMs: 900, tokensPerSecond: 40 } })[
      c.channel.vendor as 'openai' | 'deepseek'
    ],
  ...overrides,
});

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isGatewayError(error))
      return { status: error.status, code: error.code, param: error.param, message: error.message };
  }
  throw new Error('expected a refusal');
};

const vendors = (routes: RouteCandidate[]) => routes.map((r) => r.channel.vendor);

describe('preferredRoutes', () => {
  const allowed = (preferences: ProviderPreferences) => vendors(preferredRoutes(all, preferences, facts(), 'm'));

  it('keeps every route without preferences', () => {
    expect(preferredRoutes(all, undefined, facts(), 'm')).toEqual(all);
  });

  it('applies only and ignore to vendors, case-insensitively', () => {
    expect(allowed({ only: ['DeepSeek', 'openrouter'] })).toEqual(['deepseek', 'openrouter']);
    expect(allowed({ ignore: ['openai'] })).toEqual(['deepseek', 'openrouter']);
    expect(refusal(() => allowed({ only: ['deepseek'], ignore: ['deepseek'] })).code).toBe('no_provider_matches');
  });

  it('never matches channel names, only vendors', () => {
    const named = route('openai', 'secret-enterprise-pool');
    expect(() => preferredRoutes([named], { only: ['secret-enterprise-pool'] }, facts(), 'm')).toThrow();
  });

  it('with allow_fallbacks false keeps only the vendors in order', () => {
    expect(allowed({ order: ['deepseek'], allowFallbacks: false })).toEqual(['deepseek']);
    expect(allowed({ order: ['deepseek'] })).toEqual(['openai', 'deepseek', 'openrouter']);
  });

  it('with require_parameters drops routes whose vendor would drop a parameter', () => {
    expect(allowed({ requireParameters: true })).toEqual(['openai', 'deepseek']);
  });

  it('keeps routes within max_price (USD per 1M tokens); an unpriced route is never within it', () => {
    expect(allowed({ maxPrice: { prompt: 0.3 } })).toEqual(['deepseek']);
    expect(allowed({ maxPrice: { prompt: 0.4, completion: 1.6 } })).toEqual(['openai', 'deepseek']);
    expect(allowed({ maxPrice: { completion: 1.1 } })).toEqual(['deepseek']);
  });

  it('refuses with a 400 naming max_price when the ceiling alone left nothing', () => {
    expect(refusal(() => preferredRoutes(all, { maxPrice: { prompt: 0.1 } }, facts(), 'gpt-x'))).toMatchObject({
      status: 400,
      code: 'max_price_exceeded',
      param: 'provider.max_price',
      message: expect.stringMatching(/gpt-x.*prompt \$0\.1\/M/),
    });
  });

  it('refuses with a 404 naming provider when the vendor lists left nothing', () => {
    expect(refusal(() => preferredRoutes(all, { only: ['mistral'] }, facts(), 'gpt-x'))).toMatchObject({
      status: 404,
      code: 'no_provider_matches',
      param: 'provider',
    });
  });
});

describe('preferenceOrder', () => {
  const ordered = (preferences: ProviderPreferences | undefined, f = facts()) =>
    vendors(preferenceOrder(all, preferences, f));

  it('keeps the selector’s order without order or sort', () => {
    expect(ordered(undefined)).toEqual(['openai', 'deepseek', 'openrouter']);
    expect(ordered({ only: ['openai'] })).toEqual(['openai', 'deepseek', 'openrouter']);
  });

  it('puts the order’s vendors first, in its order, the rest after as they were', () => {
    expect(ordered({ order: ['openrouter', 'deepseek'] })).toEqual(['openrouter', 'deepseek', 'openai']);
  });

  it('sorts by price, latency or throughput, unknown figures last', () => {
    expect(ordered({ sort: 'price' })).toEqual(['deepseek', 'openai', 'openrouter']);
    expect(ordered({ sort: 'latency' })).toEqual(['openai', 'deepseek', 'openrouter']);
    expect(ordered({ sort: 'throughput' })).toEqual(['openai', 'deepseek', 'openrouter']);
    const slowOpenAI = facts({
      speed: (c) =>
        c.channel.vendor === 'openai' ? { ttftMs: 2_000, tokensPerSecond: 10 } : { ttftMs: 100, tokensPerSecond: 200 },
    });
    expect(ordered({ sort: 'latency' }, slowOpenAI)).toEqual(['deepseek', 'openrouter', 'openai']);
    expect(ordered({ sort: 'throughput' }, slowOpenAI)).toEqual(['deepseek', 'openrouter', 'openai']);
  });

  it('breaks a price tie by what each channel costs the operator, unknown cost last', () => {
    const main = route('openai', 'openai-main');
    const reseller = route('openai', 'openai-reseller');
    const unknown = route('openai', 'openai-unknown');
    const cost = facts({
      cost: (c) =>
        ({
          'openai-main': { prompt: 400_000, completion: 1_600_000 },
          'openai-reseller': { prompt: 100_000, completion: 400_000 },
        })[c.channel.name as 'openai-main'],
    });
    const names = (routes: RouteCandidate[]) => routes.map((r) => r.channel.name);
    expect(names(preferenceOrder([unknown, main, deepseek, reseller], { sort: 'price' }, cost))).toEqual([
      'deepseek', // the caller's price comes first
      'openai-reseller',
      'openai-main',
      'openai-unknown',
    ]);
    // Without any operator cost, equal prices keep the selector's order.
    expect(names(preferenceOrder([unknown, main, reseller], { sort: 'price' }, facts()))).toEqual([
      'openai-unknown',
      'openai-main',
      'openai-reseller',
    ]);
  });

  it('applies order before sort', () => {
    expect(ordered({ order: ['openrouter'], sort: 'price' })).toEqual(['openrouter', 'deepseek', 'openai']);
  });
});
