import { afterAll, beforeAll, expect, it } from 'vitest';
import { PriceBook } from '../../src/billing/price-book.js';
import { defaultPriceRules } from '../../src/billing/price-rules.js';
import { createRelayBilling } from '../../src/billing/relay-billing.js';
import { Catalog } from '../../src/catalog/catalog.js';
import { catalogModelSchema } from '../../src/catalog/catalog-schema.js';
import type { ChatRequest, ServerTool, Usage } from '../../src/ir/index.js';
import { newId } from '../../src/platform/ids.js';
import { DeliveryMeter } from '../../src/relay/delivery-meter.js';
import type { RelayCaller } from '../../src/relay/relay-ports.js';
import type { Channel } from '../../src/routing/channel.js';
import type { RouteCandidate } from '../../src/routing/model-router.js';
import { DEFAULT_TIMEOUTS } from '../../src/upstream/http-client.js';
import { describeEachDialect } from '../db-harness.js';
import { createUser, startLedger, type TestLedger, userRow } from './billing-fixtures.js';

/** $1 per 1M input, $10 per 1M output, $0.01 per web search (Anthropic's $10 per 1,000). */
const SEARCH_PRICE = 10_000;
const catalog = new Catalog([
  catalogModelSchema.parse({
    provider: 'anthropic',
    id: 'claude-search',
    mode: 'chat',
    maxOutputTokens: 1_000,
    capabilities: {},
    pricesKnown: true,
    prices: { input: 1_000_000, output: 10_000_000, perWebSearch: SEARCH_PRICE },
  }),
]);
const UNCAPPED_BOUND = 6;

const route: RouteCandidate = {
  channel: {
    id: 'ch_anthropic',
    name: 'anthropic',
    provider: 'anthropic',
    vendor: 'anthropic',
    baseUrl: 'http://127.0.0.1:1',
    keys: [{ id: 'k1', key: 'k' }],
    weight: 1,
    source: 'env',
    modelMapping: {},
    priority: 0,
    timeouts: DEFAULT_TIMEOUTS,
  } satisfies Channel,
  upstreamModel: 'claude-search',
};
const webSearch = (definition: Record<string, unknown> = {}): ServerTool => ({
  origin: 'anthropic',
  type: 'web_search_20250305',
  definition: { type: 'web_search_20250305', name: 'web_search', ...definition },
});
const request = (serverTools?: ServerTool[]): ChatRequest => ({
  model: 'claude-search',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'What is new today?' }] }],
  maxOutputTokens: 100,
  stream: false,
  includeUsage: false,
  ...(serverTools ? { serverTools } : {}),
});

function finishedMeter(usage: Usage): DeliveryMeter {
  const meter = new DeliveryMeter();
  meter.observe({ type: 'text-delta', delta: 'News.' });
  meter.observe({ type: 'usage', usage });
  meter.observe({ type: 'finish', finishReason: { unified: 'stop' } });
  return meter;
}

describeEachDialect('holds and charges for the web searches a vendor runs', (store) => {
  let ledger: TestLedger;
  let billing: ReturnType<typeof createRelayBilling>;
  const caller = (userId: string): RelayCaller => ({
    userId,
    keyId: null,
    group: 'default',
    metered: true,
    limits: {
      keyLimits: { rpm: null, tpm: null, concurrency: null },
      userLimits: { rpm: null, tpm: null, concurrency: null },
    },
    allowsModel: () => true,
    allowsIp: () => true,
  });
  /** Units held for `req` by a user with plenty of money (released after). */
  const heldFor = async (req: ChatRequest): Promise<number> => {
    const user = await createUser(store(), { balance: 10_000_000 });
    const hold = await billing.hold({ requestId: newId('req'), caller: caller(user), request: req, route });
    const held = (await userRow(store(), user)).reserved;
    await hold.settle(undefined);
    return held;
  };

  beforeAll(async () => {
    ledger = await startLedger(store());
    const priceBook = new PriceBook(store(), catalog);
    priceBook.setRules(defaultPriceRules());
    billing = createRelayBilling({
      ledger,
      priceBook,
      settings: { value: { defaultMaxOutputTokens: 32_768, webSearchHoldCalls: UNCAPPED_BOUND } },
    });
  });
  afterAll(() => ledger.stop());

  it("adds max_uses searches to the token bound, or the operator's bound without max_uses", async () => {
    const tokensOnly = await heldFor(request());
    expect(await heldFor(request([webSearch({ max_uses: 3 })]))).toBe(tokensOnly + 3 * SEARCH_PRICE);
    expect(await heldFor(request([webSearch()]))).toBe(tokensOnly + UNCAPPED_BOUND * SEARCH_PRICE);
  });

  it('charges tokens + searches × price, and names the searches in the ledger reason', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const requestId = newId('req');
    const hold = await billing.hold({ requestId, caller: caller(user), request: request([webSearch()]), route });
    const usage: Usage = {
      inputTokens: { total: 2_000, noCache: 2_000 },
      outputTokens: { total: 100 },
      serverToolCalls: { webSearch: 2 },
    };
    const settled = await hold.settle(finishedMeter(usage));
    // 2,000 × 1 + 100 × 10 = 3,000 token units; 2 searches × 10,000
    expect(settled.cost).toBe(3_000 + 2 * SEARCH_PRICE);
    expect(await userRow(store(), user)).toEqual({ balance: 1_000_000 - 23_000, reserved: 0 });
    const entry = await store()
      .db.selectFrom('ledger_entries')
      .select('reason')
      .where('reference', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(entry.reason).toBe('claude-search via anthropic: 2000 in, 100 out, 2 web searches');
  });

  it('settles more searches than held as any overrun: charged as far as the balance allows, recorded', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const requestId = newId('req');
    const req = request([webSearch({ max_uses: 1 })]);
    const hold = await billing.hold({ requestId, caller: caller(user), request: req, route });
    const held = (await userRow(store(), user)).reserved;
    const usage: Usage = {
      inputTokens: { noCache: 100 },
      outputTokens: { total: 10 },
      serverToolCalls: { webSearch: 3 },
    };
    const settled = await hold.settle(finishedMeter(usage));
    expect(settled.cost).toBe(100 + 100 + 3 * SEARCH_PRICE);
    expect(settled.cost).toBeGreaterThan(held);
    expect(await userRow(store(), user)).toEqual({ balance: 1_000_000 - settled.cost, reserved: 0 });
    const overrun = await store()
      .db.selectFrom('billing_overruns')
      .select(['held', 'cost'])
      .where('request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect({ held: Number(overrun.held), cost: Number(overrun.cost) }).toEqual({ held, cost: settled.cost });
  });

  it('refuses a balance that covers the tokens but not the searches the request allows', async () => {
    const tokensOnly = await heldFor(request());
    const user = await createUser(store(), { balance: tokensOnly + 2 * SEARCH_PRICE });
    await expect(
      billing.hold({
        requestId: newId('req'),
        caller: caller(user),
        request: request([webSearch({ max_uses: 3 })]),
        route,
      }),
    ).rejects.toMatchObject({ code: 'insufficient_balance' });
    expect(await userRow(store(), user)).toEqual({ balance: tokensOnly + 2 * SEARCH_PRICE, reserved: 0 });
  });
});
