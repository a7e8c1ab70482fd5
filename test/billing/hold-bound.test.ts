/**
 * The hold is a true upper bound of what the vendor can bill (DESIGN.md §6), attacked with the
 * inputs of issue 11: text that is one token a byte, CJK and emoji, long tool schemas, requests
 * without max_tokens. Each case holds, then settles at the most an honest vendor (o200k counts)
 * or an adversarial one (a token a byte, max_tokens × n) could report, and checks the charge never
 * exceeded the hold.
 */
import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PriceBook } from '../../src/billing/price-book.js';
import { defaultPriceRules } from '../../src/billing/price-rules.js';
import { createRelayBilling } from '../../src/billing/relay-billing.js';
import { Catalog } from '../../src/catalog/catalog.js';
import { catalogModelSchema } from '../../src/catalog/catalog-schema.js';
import type { ChatRequest, Usage } from '../../src/ir/index.js';
import { newId } from '../../src/platform/ids.js';
import type { ProviderId } from '../../src/providers/provider.js';
import { DeliveryMeter } from '../../src/relay/delivery-meter.js';
import type { RelayCaller } from '../../src/relay/relay-ports.js';
import type { RouteCandidate } from '../../src/routing/model-router.js';
import { DEFAULT_TIMEOUTS } from '../../src/upstream/http-client.js';
import { describeEachDialect } from '../db-harness.js';
import { createKey, createUser, keyRow, startLedger, type TestLedger, userRow } from './billing-fixtures.js';

// $1 per 1M input (1 unit a token), $10 per 1M output (10 units a token) for every model here.
const prices = { input: 1_000_000, output: 10_000_000 };
const chatModel = (provider: string, id: string, extra: Record<string, unknown> = {}) =>
  catalogModelSchema.parse({ provider, id, mode: 'chat', capabilities: {}, pricesKnown: true, prices, ...extra });
const catalog = new Catalog([
  chatModel('openai', 'gpt-4o-bound', { maxOutputTokens: 16_384 }),
  chatModel('openai', 'gpt-4o-small', { maxOutputTokens: 16_384, contextWindow: 2_000 }),
  chatModel('anthropic', 'claude-bound', { maxOutputTokens: 64_000 }),
  chatModel('openai', 'no-limit-model'),
]);

const route = (model: string, vendor = 'openai', provider: ProviderId = 'openai'): RouteCandidate => ({
  channel: {
    id: `ch_${vendor}`,
    name: vendor,
    provider,
    vendor,
    baseUrl: 'http://127.0.0.1:1',
    keys: [{ id: 'k1', key: 'k' }],
    weight: 1,
    source: 'env',
    modelMapping: {},
    priority: 0,
    timeouts: DEFAULT_TIMEOUTS,
  },
  upstreamModel: model,
});
const ask = (model: string, text: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model,
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  stream: false,
  includeUsage: false,
  ...extra,
});
const usage = (input: number, output: number): Usage => ({
  inputTokens: { total: input },
  outputTokens: { total: output },
});
function delivered(result: Usage): DeliveryMeter {
  const meter = new DeliveryMeter();
  meter.observe({ type: 'text-delta', delta: 'x' });
  meter.observe({ type: 'usage', usage: result });
  meter.observe({ type: 'finish', finishReason: { unified: 'stop' } });
  return meter;
}

describeEachDialect('holds bound the charge', (store) => {
  let ledger: TestLedger;
  const settings = { value: { defaultMaxOutputTokens: 32_768 } };
  let billing: ReturnType<typeof createRelayBilling>;
  const caller = (userId: string, keyId: string | null = null): RelayCaller => ({
    userId,
    keyId,
    group: 'default',
    metered: true,
    limits: {
      keyLimits: { rpm: null, tpm: null, concurrency: null },
      userLimits: { rpm: null, tpm: null, concurrency: null },
    },
    allowsModel: () => true,
    allowsIp: () => true,
  });
  const hold = (userId: string, request: ChatRequest, candidate = route(request.model), keyId: string | null = null) =>
    billing.hold({ requestId: newId('req'), caller: caller(userId, keyId), request, route: candidate });

  beforeAll(async () => {
    ledger = await startLedger(store());
    const priceBook = new PriceBook(store(), catalog);
    priceBook.setRules(defaultPriceRules());
    billing = createRelayBilling({ ledger, priceBook, settings });
  });
  afterAll(() => ledger.stop());

  it.each([
    ['"a1" × 4,000 (a token a byte)', 'a1'.repeat(4_000)],
    ['CJK', '漢字测试中文'.repeat(300)],
    ['emoji', '😀🎉👍'.repeat(1_000)],
  ])('holds at least what an honest vendor bills for %s', async (_name, text) => {
    const user = await createUser(store(), { balance: 10_000_000 });
    const request = ask('gpt-4o-bound', text, { maxOutputTokens: 1 });
    const granted = await hold(user, request);
    const held = (await userRow(store(), user)).reserved;
    // The adversary: one token per byte of text, plus every framing token the bound allows for.
    expect(held).toBeGreaterThanOrEqual(Buffer.byteLength(text) + 10);
    expect(held).toBeGreaterThanOrEqual(o200kCount(text) + 7 + 10);
    const settlement = await granted.settle(delivered(usage(Buffer.byteLength(text) + 8, 1)));
    expect(settlement.cost).toBeLessThanOrEqual(held);
  });

  it('holds a long tool schema by its JSON bytes, and the tool-use system prompt', async () => {
    const user = await createUser(store(), { balance: 10_000_000 });
    const properties = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`field_${i}`, { type: 'string', description: '说明 a1'.repeat(10) }]),
    );
    const parameters = { type: 'object', properties };
    const request = ask('claude-bound', 'hi', {
      maxOutputTokens: 10,
      tools: [{ name: 'fill', description: 'Fill the form.', parameters }],
    });
    await hold(user, request, route('claude-bound', 'anthropic', 'anthropic'));
    const held = (await userRow(store(), user)).reserved;
    expect(held).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify(parameters)) + 346 + 100);
  });

  it('never holds more input than the model accepts (its input window from the catalog)', async () => {
    const user = await createUser(store(), { balance: 10_000_000 });
    await hold(user, ask('gpt-4o-small', 'x'.repeat(1_000_000), { maxOutputTokens: 100 }));
    // 2,000 input tokens at 1 unit + 100 output tokens at 10 units.
    expect((await userRow(store(), user)).reserved).toBe(3_000);
  });

  it('admits on an exact o200k count what the byte bound alone would refuse (OpenAI models only)', async () => {
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(400); // 18,000 bytes, ~4,000 tokens
    const exact = o200kCount(prose);
    const balance = exact + 200 + 10 * 100; // enough for the exact count, far from the bytes
    const openai = await createUser(store(), { balance });
    const granted = await hold(openai, ask('gpt-4o-bound', prose, { maxOutputTokens: 100 }));
    expect(granted.request.maxOutputTokens).toBe(100);
    expect((await userRow(store(), openai)).reserved).toBeLessThanOrEqual(balance);
    // Claude's tokenizer is not o200k: the bound stands, and the request is refused.
    const claude = await createUser(store(), { balance });
    await expect(
      hold(
        claude,
        ask('claude-bound', prose, { maxOutputTokens: 100 }),
        route('claude-bound', 'anthropic', 'anthropic'),
      ),
    ).rejects.toMatchObject({ status: 402, code: 'insufficient_balance' });
    expect(await userRow(store(), claude)).toEqual({ balance, reserved: 0 });
  });

  it('sends a request without max_tokens with the limit it held: the model’s, capped by the setting', async () => {
    const user = await createUser(store(), { balance: 10_000_000 });
    const granted = await hold(user, ask('gpt-4o-bound', 'hi'));
    expect(granted.request.maxOutputTokens).toBe(16_384);
    settings.value.defaultMaxOutputTokens = 2_000;
    try {
      expect((await hold(user, ask('gpt-4o-bound', 'hi'))).request.maxOutputTokens).toBe(2_000);
    } finally {
      settings.value.defaultMaxOutputTokens = 32_768;
    }
    // A model whose limit the catalog does not know gets 4,096, a limit every vendor accepts.
    expect((await hold(user, ask('no-limit-model', 'hi'))).request.maxOutputTokens).toBe(4_096);
  });

  it('a request without max_tokens does not take the whole balance: the next one still fits', async () => {
    // The full worst case (16,384 × 10 units) does not fit in 20,000: capped to half of it.
    const user = await createUser(store(), { balance: 20_000 });
    const first = await hold(user, ask('gpt-4o-bound', 'hi'));
    expect((await userRow(store(), user)).reserved).toBeLessThanOrEqual(10_000);
    const second = await hold(user, ask('gpt-4o-bound', 'hi'));
    const third = await hold(user, ask('gpt-4o-bound', 'hi', { maxOutputTokens: 200 }));
    expect(first.request.maxOutputTokens).toBeGreaterThan(second.request.maxOutputTokens ?? 0);
    expect(third.request.maxOutputTokens).toBe(200);
    expect((await userRow(store(), user)).reserved).toBeLessThanOrEqual(20_000);
  });

  it('with Anthropic thinking, holds the output limit its encoder raises to budget + max_tokens', async () => {
    const user = await createUser(store(), { balance: 10_000_000 });
    const request = ask('claude-bound', 'hi', { maxOutputTokens: 100, reasoning: { effort: 'medium' } });
    await hold(user, request, route('claude-bound', 'anthropic', 'anthropic'));
    // medium = 8,192 thinking tokens; Anthropic needs max_tokens above it: 8,292 at 10 units.
    expect((await userRow(store(), user)).reserved).toBeGreaterThanOrEqual(82_920);
  });

  it('a vendor that reports no usage is charged an estimate that never exceeds the hold', async () => {
    const user = await createUser(store(), { balance: 10_000_000 });
    const text = 'a1'.repeat(20_000); // beyond the tokenizer's budget: the rest is extrapolated
    const granted = await hold(user, ask('gpt-4o-bound', text, { maxOutputTokens: 10 }));
    const held = (await userRow(store(), user)).reserved;
    const meter = new DeliveryMeter();
    meter.observe({ type: 'text-delta', delta: 'ok' });
    meter.observe({ type: 'finish', finishReason: { unified: 'stop' } });
    const settlement = await granted.settle(meter);
    expect(settlement.estimated).toBe(true);
    expect(settlement.cost).toBeLessThanOrEqual(held);
    expect(settlement.usage.inputTokens.total).toBeLessThanOrEqual(40_000 + 24);
  });

  it('an absurd max_tokens is refused with a 402 like any unaffordable request, never a 500', async () => {
    const user = await createUser(store(), { balance: 10_000_000 });
    await expect(hold(user, ask('gpt-4o-bound', 'hi', { maxOutputTokens: 2 ** 53 }))).rejects.toMatchObject({
      status: 402,
      code: 'insufficient_balance',
    });
    expect(await userRow(store(), user)).toEqual({ balance: 10_000_000, reserved: 0 });
  });

  it('a vendor billing beyond the hold is charged only up to the key quota, and is reported', async () => {
    const user = await createUser(store(), { balance: 10_000_000 });
    const key = await createKey(store(), user, 5_000);
    const granted = await hold(user, ask('gpt-4o-bound', 'hi', { maxOutputTokens: 100 }), undefined, key);
    const held = (await keyRow(store(), key)).reserved;
    const settlement = await granted.settle(delivered(usage(10, 100_000)));
    expect(settlement.cost).toBe(5_000);
    expect(held).toBeLessThan(5_000);
    expect(await keyRow(store(), key)).toEqual({ used: 5_000, reserved: 0 });
  });
});
