/**
 * The relay's billing over a ledger with plans: a chat request is held in the subscription's
 * token window (prompt bound + output limit), settled to the billed input + output tokens, and a
 * request without max_tokens is capped to the window's room instead of being refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser, userRow } from '../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { type PlanRig, planInput, startPlanRig, windowRow } from '../../test/plans/plan-fixtures.js';
import { PriceBook } from '../billing/price-book.js';
import { defaultPriceRules } from '../billing/price-rules.js';
import { createRelayBilling } from '../billing/relay-billing.js';
import { Catalog } from '../catalog/catalog.js';
import { catalogModelSchema } from '../catalog/catalog-schema.js';
import type { ChatRequest, Usage } from '../ir/index.js';
import { RateLimitError } from '../limits/rate-limit-error.js';
import { newId } from '../platform/ids.js';
import { DeliveryMeter } from '../relay/delivery-meter.js';
import type { RelayCaller } from '../relay/relay-ports.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';

const catalog = new Catalog([
  catalogModelSchema.parse({
    provider: 'openai',
    id: 'gpt-plan',
    mode: 'chat',
    maxOutputTokens: 8_000,
    capabilities: {},
    pricesKnown: true,
    prices: { input: 1_000_000, output: 10_000_000 },
  }),
]);
const route: RouteCandidate = {
  channel: {
    id: 'ch_openai',
    name: 'openai',
    provider: 'openai',
    vendor: 'openai',
    baseUrl: 'http://127.0.0.1:1',
    keys: [{ id: 'k1', key: 'k' }],
    weight: 1,
    source: 'env',
    modelMapping: {},
    priority: 0,
    timeouts: DEFAULT_TIMEOUTS,
  },
  upstreamModel: 'gpt-plan',
};
const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gpt-plan',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello.' }] }],
  stream: true,
  includeUsage: true,
  ...extra,
});
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
function meterWith(usage: Usage): DeliveryMeter {
  const meter = new DeliveryMeter();
  meter.observe({ type: 'text-delta', delta: 'Hello!' });
  meter.observe({ type: 'usage', usage });
  meter.observe({ type: 'finish', finishReason: { unified: 'stop' } });
  return meter;
}

describeEachDialect('relay billing with subscription plans', (store) => {
  let rig: PlanRig;
  let billing: ReturnType<typeof createRelayBilling>;

  beforeAll(async () => {
    rig = await startPlanRig(store());
    const priceBook = new PriceBook(store(), catalog);
    priceBook.setRules(defaultPriceRules());
    billing = createRelayBilling({
      ledger: rig.ledger,
      priceBook,
      settings: { value: { defaultMaxOutputTokens: 32_768 } },
    });
  });
  afterAll(() => rig.stop());

  it('holds tokens in the window, settles to input + output, and caps an unbounded request to the room', async () => {
    const user = await createUser(store(), { balance: 1_000_000 });
    const plan = await rig.plans.catalog.create(
      planInput({ models: ['gpt-plan'], allowances: { five_hour: { unit: 'tokens', limit: 2_000 } } }),
    );
    const subscription = await rig.plans.grant('usr_admin', { userId: user, planId: plan.id });

    const bounded = await billing.hold({
      requestId: newId('req'),
      caller: caller(user),
      request: request({ maxOutputTokens: 500 }),
      route,
    });
    const held = await windowRow(store(), subscription.id, 'five_hour');
    expect(held.reserved).toBeGreaterThan(500);
    expect(held.reserved).toBeLessThan(560);
    const settled = await bounded.settle(meterWith({ inputTokens: { total: 30 }, outputTokens: { total: 70 } }));
    expect(settled.cost).toBe(0);
    expect(await windowRow(store(), subscription.id, 'five_hour')).toMatchObject({ used: 100, reserved: 0 });

    // No max_tokens: the model's 8,000 do not fit the 1,900 tokens left, so the output is capped
    // to half the room less the prompt's bound rather than refused.
    const unbounded = await billing.hold({ requestId: newId('req'), caller: caller(user), request: request(), route });
    const limit = unbounded.request.maxOutputTokens ?? 0;
    expect(limit).toBeGreaterThan(850);
    expect(limit).toBeLessThan(950);
    await unbounded.settle(undefined);

    // A bounded request that cannot fit is refused with the window's reopening time.
    const refusal = await billing
      .hold({ requestId: newId('req'), caller: caller(user), request: request({ maxOutputTokens: 5_000 }), route })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refusal).toBeInstanceOf(RateLimitError);
    expect(await userRow(store(), user)).toEqual({ balance: 1_000_000, reserved: 0 });
  });
});
