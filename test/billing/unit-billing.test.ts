import { afterAll, beforeAll, expect, it } from 'vitest';
import { PriceBook } from '../../src/billing/price-book.js';
import { defaultPriceRules } from '../../src/billing/price-rules.js';
import { createRelayBilling } from '../../src/billing/relay-billing.js';
import { Catalog } from '../../src/catalog/catalog.js';
import { catalogModelSchema } from '../../src/catalog/catalog-schema.js';
import { isGatewayError } from '../../src/ir/index.js';
import { newId } from '../../src/platform/ids.js';
import type { BillingCaller, UnitsPricing } from '../../src/relay/relay-ports.js';
import { describeEachDialect } from '../db-harness.js';
import { createUser, startLedger, type TestLedger, userRow } from './billing-fixtures.js';

const catalog = new Catalog([
  catalogModelSchema.parse({
    provider: 'openai',
    id: 'dall-e-3',
    mode: 'image',
    capabilities: {},
    pricesKnown: true,
    prices: { perImage: 40_000, perUnit: { 'image:1024x1792:hd': 120_000, 'image:1024x1024': 40_000 } },
  }),
  catalogModelSchema.parse({
    provider: 'openai',
    id: 'sora-2',
    mode: 'other',
    capabilities: {},
    pricesKnown: true,
    prices: { perUnit: { 'video_second:1280x720': 100_000 } },
  }),
  catalogModelSchema.parse({
    provider: 'openai',
    id: 'gpt-image-1',
    mode: 'image',
    capabilities: {},
    pricesKnown: true,
    prices: { input: 5_000_000, inputImage: 10_000_000, outputImage: 40_000_000 },
  }),
]);

describeEachDialect('billing by the unit (images, seconds, actions) and durable job holds', (store) => {
  let ledger: TestLedger;
  let billing: ReturnType<typeof createRelayBilling>;
  const caller = (userId: string): BillingCaller => ({ userId, keyId: null, group: 'default', metered: true });
  const pricing = (userId: string, upstreamModel: string): UnitsPricing => ({
    requestId: newId('req'),
    caller: caller(userId),
    model: upstreamModel,
    vendor: 'openai',
    upstreamModel,
  });

  beforeAll(async () => {
    // The sweep would release any hold of a dead instance at once: durable holds must survive it.
    ledger = await startLedger(store(), { orphanAfterMs: 0 });
    const priceBook = new PriceBook(store(), catalog);
    priceBook.setRules(defaultPriceRules());
    billing = createRelayBilling({ ledger, priceBook, settings: { value: { defaultMaxOutputTokens: 1_000 } } });
  });
  afterAll(() => ledger.stop());

  it('holds n images at the most specific price the model sells, and charges what was made', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const p = pricing(user, 'dall-e-3');
    const { held } = await billing.holdUnits({
      ...p,
      worst: { inputTokens: {}, outputTokens: {}, units: { 'image:1024x1792:hd': 2 } },
    });
    expect(held).toBe(240_000);
    expect(await userRow(store(), user)).toEqual({ balance: 1_000_000, reserved: 240_000 });
    // One of the two came back: one is charged. A quality without its own price takes its size's.
    const settled = await billing.settleUnits({
      ...p,
      usage: { inputTokens: {}, outputTokens: {}, units: { 'image:1024x1792:hd': 1, 'image:1024x1024:standard': 1 } },
    });
    expect(settled.cost).toBe(160_000);
    expect(await userRow(store(), user)).toEqual({ balance: 840_000, reserved: 0 });
    // Exactly once: a second settle (another replica finishing the same job) charges nothing.
    const again = await billing.settleUnits({
      ...p,
      usage: { inputTokens: {}, outputTokens: {}, units: { 'image:1024x1792:hd': 1 } },
    });
    expect(again.cost).toBe(0);
    expect(await userRow(store(), user)).toEqual({ balance: 840_000, reserved: 0 });
  });

  it('refuses a unit the model is not sold at with a 400 naming the parameter, holding nothing', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const error = await billing
      .holdUnits({
        ...pricing(user, 'sora-2'),
        worst: { inputTokens: {}, outputTokens: {}, units: { 'video_second:1792x1024': 8 } },
        unitParam: 'size',
      })
      .catch((e: unknown) => e);
    expect(
      isGatewayError(error) && error.status === 400 && error.code === 'unsupported_unit' && error.param === 'size',
    ).toBe(true);
    expect(await userRow(store(), user)).toEqual({ balance: 1_000_000, reserved: 0 });
  });

  it('keeps a durable hold through the orphan sweep, and releases it without charge when the job fails', async () => {
    const user = await createUser(store(), { balance: 2_000_000 });
    const p = pricing(user, 'sora-2');
    await billing.holdUnits({
      ...p,
      durable: true,
      worst: { inputTokens: {}, outputTokens: {}, units: { 'video_second:1280x720': 12 } },
    });
    const swept = await ledger.sweepOrphans();
    expect(swept.released).not.toContain(p.requestId);
    expect(await userRow(store(), user)).toEqual({ balance: 2_000_000, reserved: 1_200_000 });
    const released = await billing.settleUnits({ ...p, usage: undefined });
    expect(released.cost).toBe(0);
    expect(await userRow(store(), user)).toEqual({ balance: 2_000_000, reserved: 0 });
  });

  it('prices image tokens apart from text tokens, and holds the worst case of both', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const p = pricing(user, 'gpt-image-1');
    const worst = { inputTokens: { total: 1_000, image: 500 }, outputTokens: { total: 4_160, image: 4_160 } };
    const { held } = await billing.holdUnits({ ...p, worst });
    // Every input token at the dearest input rate ($10/M), every output token at $40/M, rounded up.
    expect(held).toBe(10_000 + 166_400);
    const settled = await billing.settleUnits({
      ...p,
      usage: { inputTokens: { total: 50, image: 0 }, outputTokens: { total: 1_056, image: 1_056 } },
    });
    // 50 text × $5/M = 250; 1,056 image × $40/M = 42,240.
    expect(settled.cost).toBe(250 + 42_240);
  });
});
