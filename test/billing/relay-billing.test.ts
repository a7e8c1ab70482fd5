import { countTokens as referenceCount } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { PriceBook } from '../../src/billing/price-book.js';
import { defaultPriceRules } from '../../src/billing/price-rules.js';
import { createRelayBilling, MIN_OUTPUT_TOKENS } from '../../src/billing/relay-billing.js';
import { Catalog } from '../../src/catalog/catalog.js';
import { catalogModelSchema } from '../../src/catalog/catalog-schema.js';
import type { ChatRequest, Usage } from '../../src/ir/index.js';
import { newId } from '../../src/platform/ids.js';
import { DeliveryMeter } from '../../src/relay/delivery-meter.js';
import type { RelayCaller } from '../../src/relay/relay-ports.js';
import type { Channel } from '../../src/routing/channel.js';
import type { RouteCandidate } from '../../src/routing/model-router.js';
import { DEFAULT_TIMEOUTS } from '../../src/upstream/http-client.js';
import { describeEachDialect } from '../db-harness.js';
import { createKey, createUser, keyRow, startLedger, type TestLedger, userRow } from './billing-fixtures.js';

// $1 per 1M input, $10 per 1M output (10 units per output token), cache reads at $0.10.
const catalog = new Catalog([
  catalogModelSchema.parse({
    provider: 'openai',
    id: 'gpt-bill',
    mode: 'chat',
    maxOutputTokens: 1_000,
    capabilities: {},
    pricesKnown: true,
    prices: { input: 1_000_000, output: 10_000_000, cacheRead: 100_000 },
  }),
  catalogModelSchema.parse({
    provider: 'openai',
    id: 'gpt-unpriced',
    mode: 'chat',
    capabilities: {},
    pricesKnown: false,
    prices: {},
  }),
]);

const channel = (vendor: string): Channel => ({
  id: `ch_${vendor}`,
  name: vendor,
  provider: 'openai',
  vendor,
  baseUrl: 'http://127.0.0.1:1',
  keys: [{ id: 'k1', key: 'k' }],
  weight: 1,
  source: 'env',
  modelMapping: {},
  priority: 0,
  timeouts: DEFAULT_TIMEOUTS,
});
const route = (model: string, vendor = 'openai'): RouteCandidate => ({
  channel: channel(vendor),
  upstreamModel: model,
});
const request = (model: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }],
  stream: true,
  includeUsage: true,
  ...extra,
});

function meterWith(text: string, usage?: Usage, finished = true): DeliveryMeter {
  const meter = new DeliveryMeter();
  meter.observe({ type: 'text-delta', delta: text });
  if (usage) meter.observe({ type: 'usage', usage });
  if (finished) meter.observe({ type: 'finish', finishReason: { unified: 'stop' } });
  return meter;
}

describeEachDialect('relay billing (hold and settle)', (store) => {
  let ledger: TestLedger;
  let billing: ReturnType<typeof createRelayBilling>;
  const caller = (userId: string, keyId: string | null = null, metered = true): RelayCaller => ({
    userId,
    keyId,
    group: 'default',
    metered,
    limits: {
      keyLimits: { rpm: null, tpm: null, concurrency: null },
      userLimits: { rpm: null, tpm: null, concurrency: null },
    },
    allowsModel: () => true,
    allowsIp: () => true,
  });

  beforeAll(async () => {
    ledger = await startLedger(store());
    const priceBook = new PriceBook(store(), catalog);
    priceBook.setRules(defaultPriceRules());
    billing = createRelayBilling({ ledger, priceBook, settings: { value: { defaultMaxOutputTokens: 32_768 } } });
  });
  afterAll(() => ledger.stop());

  it('holds the worst case (catalog max output) and settles to the vendor usage, once', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const key = await createKey(store(), user, null);
    const requestId = newId('req');
    const hold = await billing.hold({
      requestId,
      caller: caller(user, key),
      request: request('gpt-bill'),
      route: route('gpt-bill'),
    });
    // Sent with the output limit it held for (the catalog's 1,000), so the vendor cannot bill more.
    expect(hold.request.maxOutputTokens).toBe(1_000);
    // 1,000 output tokens × 10 units + the prompt's bound (its bytes and framing) × 1 unit
    const held = (await userRow(store(), user)).reserved;
    expect(held).toBeGreaterThan(10_000);
    expect(held).toBeLessThan(10_050);

    const usage: Usage = { inputTokens: { total: 1_000, cacheRead: 500 }, outputTokens: { total: 200, reasoning: 50 } };
    const meter = meterWith('Hello!', usage);
    const [first, second] = await Promise.all([hold.settle(meter), hold.settle(meter)]);
    // 500 × 1 + 500 × 0.1 + 200 × 10 = 500 + 50 + 2,000
    // The same cost by part, as answers show it (usage.cost_details): 550 prompt, 2,000 completion.
    expect(first).toEqual({
      cost: 2_550,
      usage,
      estimated: false,
      parts: { prompt: 550, completion: 2_000, other: 0 },
    });
    expect(second).toBe(first);
    expect(await userRow(store(), user)).toEqual({ balance: 1_000_000 - 2_550, reserved: 0 });
    expect(await keyRow(store(), key)).toEqual({ used: 2_550, reserved: 0 });
    const entry = await store()
      .db.selectFrom('ledger_entries')
      .select('reason')
      .where('reference', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(entry.reason).toBe('gpt-bill via openai: 1000 in, 500 cached, 200 out, 50 reasoning');
  });

  it('charges nothing when nothing was delivered (failed before output, or all retries failed)', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const hold = await billing.hold({
      requestId: newId('req'),
      caller: caller(user),
      request: request('gpt-bill'),
      route: route('gpt-bill'),
    });
    expect(await hold.settle(undefined)).toMatchObject({ cost: 0, estimated: false });
    expect(await userRow(store(), user)).toEqual({ balance: 1_000_000, reserved: 0 });
  });

  it('counts the delivered output with the tokenizer when the vendor reported no usage', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
    const hold = await billing.hold({
      requestId: newId('req'),
      caller: caller(user),
      request: request('gpt-bill'),
      route: route('gpt-bill'),
    });
    const settlement = await hold.settle(meterWith(text));
    const outputTokens = referenceCount(text);
    expect(settlement.estimated).toBe(true);
    expect(settlement.usage.outputTokens.total).toBe(outputTokens);
    expect(settlement.cost).toBe((settlement.usage.inputTokens.total ?? 0) + outputTokens * 10);
    expect((await userRow(store(), user)).balance).toBe(1_000_000 - settlement.cost);
  });

  it('a broken stream pays for what was delivered, even when a partial usage report says less', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const text = 'word '.repeat(300);
    const partial: Usage = { inputTokens: { total: 40 }, outputTokens: { total: 1 } }; // Anthropic message_start
    const hold = await billing.hold({
      requestId: newId('req'),
      caller: caller(user),
      request: request('gpt-bill'),
      route: route('gpt-bill'),
    });
    const settlement = await hold.settle(meterWith(text, partial, false));
    expect(settlement.estimated).toBe(true);
    expect(settlement.usage).toEqual({ inputTokens: { total: 40 }, outputTokens: { total: referenceCount(text) } });
    expect(settlement.cost).toBe(40 + referenceCount(text) * 10);
  });

  it('caps max_tokens to what half of the free money affords when the request set none', async () => {
    // Worst case with 1,000 output tokens is ~10,030 units; the user has 3,000.
    const user = await createUser(store(), { balance: 3_000 });
    const hold = await billing.hold({
      requestId: newId('req'),
      caller: caller(user),
      request: request('gpt-bill'),
      route: route('gpt-bill'),
    });
    const capped = hold.request.maxOutputTokens ?? 0;
    expect(capped).toBeGreaterThanOrEqual(MIN_OUTPUT_TOKENS);
    expect(capped).toBeLessThan(150);
    const row = await userRow(store(), user);
    expect(row.reserved).toBeLessThanOrEqual(1_500);
    expect(row.reserved).toBeGreaterThan(1_480);
    await hold.settle(undefined);

    // With max_tokens set by the client, its worst case stands: refused with 402.
    await expect(
      billing.hold({
        requestId: newId('req'),
        caller: caller(user),
        request: request('gpt-bill', { maxOutputTokens: 1_000 }),
        route: route('gpt-bill'),
      }),
    ).rejects.toMatchObject({ status: 402, code: 'insufficient_balance' });
    // Too poor for even a few tokens: refused rather than capped to nothing.
    const poor = await createUser(store(), { balance: 100 });
    await expect(
      billing.hold({
        requestId: newId('req'),
        caller: caller(poor),
        request: request('gpt-bill'),
        route: route('gpt-bill'),
      }),
    ).rejects.toMatchObject({ status: 402 });
    expect(await userRow(store(), poor)).toEqual({ balance: 100, reserved: 0 });
  });

  it('refuses an unpriced model to a metered caller, serves it to an unmetered one without a charge', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    await expect(
      billing.hold({
        requestId: newId('req'),
        caller: caller(user),
        request: request('gpt-unpriced'),
        route: route('gpt-unpriced'),
      }),
    ).rejects.toMatchObject({ status: 403, code: 'model_price_unknown' });
    const free = await billing.hold({
      requestId: newId('req'),
      caller: caller(user, null, false),
      request: request('gpt-unpriced'),
      route: route('gpt-unpriced'),
    });
    expect(await free.settle(meterWith('hi', { inputTokens: { total: 5 }, outputTokens: { total: 1 } }))).toMatchObject(
      { cost: 0 },
    );
    const logged = await billing.hold({
      requestId: newId('req'),
      caller: caller(user, null, false),
      request: request('gpt-bill'),
      route: route('gpt-bill'),
    });
    // Unmetered: the cost is computed for the log, never charged.
    expect(
      await logged.settle(meterWith('hi', { inputTokens: { total: 5 }, outputTokens: { total: 1 } })),
    ).toMatchObject({ cost: 15 });
    expect(await userRow(store(), user)).toEqual({ balance: 1_000_000, reserved: 0 });
  });

  it('prices a channel whose vendor name the catalog does not know by the model id', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const hold = await billing.hold({
      requestId: newId('req'),
      caller: caller(user),
      request: request('gpt-bill'),
      route: route('gpt-bill', 'my-proxy'),
    });
    const settlement = await hold.settle(meterWith('x', { inputTokens: { total: 10 }, outputTokens: { total: 10 } }));
    expect(settlement.cost).toBe(110);
    expect((await verifyLedger(store())).mismatches).toEqual([]);
  });
});
