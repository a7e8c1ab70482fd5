import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Ledger } from '../../src/billing/ledger.js';
import { PriceBook } from '../../src/billing/price-book.js';
import { RedemptionService } from '../../src/billing/redemption-service.js';
import { Catalog } from '../../src/catalog/catalog.js';
import { type CatalogModelInput, catalogModelSchema } from '../../src/catalog/catalog-schema.js';
import { CatalogService } from '../../src/catalog/catalog-service.js';
import { buildOpenApiDocument } from '../../src/http/api/openapi.js';
import { registerBillingRoutes } from '../../src/http/api/routes/billing-routes.js';
import { newId } from '../../src/platform/ids.js';
import { createApiHarness, headerPrincipals } from '../api-harness.js';
import { describeEachDialect } from '../db-harness.js';
import { createUser, userRow } from './billing-fixtures.js';
import { testCharge } from './reason-fixture.js';

const model = (input: Partial<CatalogModelInput> & { provider: string; id: string }) =>
  catalogModelSchema.parse({
    mode: 'chat',
    capabilities: {},
    pricesKnown: true,
    prices: { input: 1, output: 2 },
    ...input,
  });

const builtin = new Catalog([
  model({
    provider: 'openai',
    id: 'gpt-a',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: { tools: true },
    prices: { input: 2_500_000, output: 10_000_000, cacheRead: 1_250_000 },
  }),
  model({ provider: 'openai', id: 'gpt-unpriced', pricesKnown: false, prices: {} }),
  model({ provider: 'openai', id: 'text-embed', mode: 'embedding', prices: { input: 20_000 } }),
  model({ provider: 'openrouter', id: 'anthropic/claude-x', prices: { input: 3_000_000, output: 15_000_000 } }),
]);

describeEachDialect('billing routes', (store) => {
  let harness: ReturnType<typeof createApiHarness>;
  let ledger: Ledger;
  let alice: string;
  let bob: string;
  const admin = { 'x-test-user': 'usr_root', 'x-test-role': 'admin' };
  const as = (user: string, group = 'default') => ({ 'x-test-user': user, 'x-test-group': group });

  beforeAll(async () => {
    alice = await createUser(store(), { balance: 1_000_000 });
    bob = await createUser(store(), { balance: 500 });
    const catalog = new CatalogService(store(), { now: Date.now, builtin });
    await catalog.reload();
    const priceBook = new PriceBook(store(), catalog.current);
    catalog.onChange((c) => priceBook.setCatalog(c));
    await priceBook.reload();
    ledger = new Ledger(store(), {
      now: Date.now,
      newId,
      instanceId: newId('ins'),
      settings: { value: { overdraft: 0 } },
    });
    await ledger.start();
    harness = createApiHarness(headerPrincipals, (api) =>
      registerBillingRoutes(api, {
        store: store(),
        ledger,
        redemptions: new RedemptionService(store(), { now: Date.now, newId }),
        priceBook,
        catalog,
        settings: { value: { overdraft: 0, defaultGroup: 'default' } },
        now: Date.now,
        newId,
      }),
    );
    await harness.app.ready();
  });
  afterAll(async () => {
    await harness.app.close();
    await ledger.stop();
  });

  const inject = (options: InjectOptions) => harness.app.inject(options);

  it('shows your balance, with what is held, and needs a caller', async () => {
    await ledger.reserve({ requestId: 'req_route1', userId: alice, keyId: null, amount: 250_000 });
    const res = await inject({ method: 'GET', url: '/api/balance', headers: as(alice) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      balance: 1_000_000,
      reserved: 250_000,
      available: 750_000,
      overdraft: 0,
      balanceUsd: '$1.000000',
      availableUsd: '$0.750000',
      key: null,
    });
    await ledger.release('req_route1');
    expect((await inject({ method: 'GET', url: '/api/balance' })).statusCode).toBe(401);
  });

  it('admin adjusts a balance with a reason; users cannot; the ledger shows it', async () => {
    const forbidden = await inject({
      method: 'POST',
      url: `/api/admin/users/${bob}/adjust`,
      headers: as(alice),
      payload: { amount: 1, reason: 'x' },
    });
    expect(forbidden.statusCode).toBe(403);
    const noReason = await inject({
      method: 'POST',
      url: `/api/admin/users/${bob}/adjust`,
      headers: admin,
      payload: { amount: 1 },
    });
    expect(noReason.statusCode).toBe(400);
    const zero = await inject({
      method: 'POST',
      url: `/api/admin/users/${bob}/adjust`,
      headers: admin,
      payload: { amount: 0, reason: 'x' },
    });
    expect(zero.statusCode).toBe(400);
    const missing = await inject({
      method: 'POST',
      url: '/api/admin/users/usr_nobody/adjust',
      headers: admin,
      payload: { amount: 5, reason: 'x' },
    });
    expect(missing.statusCode).toBe(404);
    const res = await inject({
      method: 'POST',
      url: `/api/admin/users/${bob}/adjust`,
      headers: admin,
      payload: { amount: 2_000_000, reason: 'Goodwill credit' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ balance: 2_000_500, balanceUsd: '$2.000500' });
    expect(await userRow(store(), bob)).toEqual({ balance: 2_000_500, reserved: 0 });

    const page = await inject({ method: 'GET', url: '/api/ledger?kind=adjust', headers: as(bob) });
    expect(page.statusCode).toBe(200);
    expect(page.json().data).toEqual([
      expect.objectContaining({
        amount: 2_000_000,
        amountUsd: '$2.000000',
        kind: 'adjust',
        reason: 'Goodwill credit (by usr_root)',
        balanceAfter: 2_000_500,
      }),
    ]);
  });

  it("pages through the ledger, and a user cannot read another user's", async () => {
    for (let i = 0; i < 5; i++) await ledger.adjustBalance('usr_root', alice, 1, `tick ${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/ledger?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await inject({ method: 'GET', url, headers: as(alice) });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { data: Array<{ id: string; userId: string }>; nextCursor: string | null };
      for (const entry of body.data) {
        expect(entry.userId).toBe(alice);
        seen.push(entry.id);
      }
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6); // the opening top-up and five ticks
    expect(new Set(seen).size).toBe(6);

    const peek = await inject({ method: 'GET', url: `/api/ledger?userId=${alice}`, headers: as(bob) });
    expect(peek.statusCode).toBe(403);
    const asAdmin = await inject({ method: 'GET', url: `/api/ledger?userId=${alice}&limit=1`, headers: admin });
    expect(asAdmin.json().data[0].userId).toBe(alice);
    const badCursor = await inject({ method: 'GET', url: '/api/ledger?cursor=nonsense', headers: as(alice) });
    expect(badCursor.statusCode).toBe(400);
  });

  it('admin creates, lists, exports and disables code batches; a user redeems once', async () => {
    const denied = await inject({
      method: 'POST',
      url: '/api/admin/redemptions',
      headers: as(alice),
      payload: { name: 'x', amount: 1, count: 1 },
    });
    expect(denied.statusCode).toBe(403);
    expect((await inject({ method: 'GET', url: '/api/admin/redemptions', headers: as(alice) })).statusCode).toBe(403);

    const created = await inject({
      method: 'POST',
      url: '/api/admin/redemptions',
      headers: admin,
      payload: { name: 'Promo', amount: 3_000_000, count: 3 },
    });
    expect(created.statusCode).toBe(201);
    const { batch, codes } = created.json() as { batch: { id: string; amountUsd: string }; codes: string[] };
    expect(batch.amountUsd).toBe('$3.000000');
    expect(codes).toHaveLength(3);

    const redeemed = await inject({
      method: 'POST',
      url: '/api/redeem',
      headers: as(bob),
      payload: { code: codes[0] },
    });
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json()).toMatchObject({ amount: 3_000_000, amountUsd: '$3.000000', balance: 5_000_500 });
    const again = await inject({ method: 'POST', url: '/api/redeem', headers: as(alice), payload: { code: codes[0] } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({ code: 'redemption_code_used', param: 'code' });
    const unknown = await inject({
      method: 'POST',
      url: '/api/redeem',
      headers: as(alice),
      payload: { code: 'AIHUB-2222-3333-4444-5555' },
    });
    expect(unknown.statusCode).toBe(404);

    const list = await inject({ method: 'GET', url: '/api/admin/redemptions', headers: admin });
    expect(list.json().batches.find((b: { id: string }) => b.id === batch.id)).toMatchObject({
      unused: 2,
      redeemed: 1,
    });

    const json = await inject({ method: 'GET', url: `/api/admin/redemptions/${batch.id}/codes`, headers: admin });
    expect(
      json
        .json()
        .codes.map((c: { code: string }) => c.code)
        .sort(),
    ).toEqual([...codes].sort());
    const csv = await inject({
      method: 'GET',
      url: `/api/admin/redemptions/${batch.id}/codes?format=csv`,
      headers: admin,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('code,amount_units,amount_usd,status,expires_at,redeemed_by,redeemed_at');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith(codes[0] as string))).toContain(`,redeemed,,${bob},`);
    expect(
      (await inject({ method: 'GET', url: '/api/admin/redemptions/rdb_nope/codes', headers: admin })).statusCode,
    ).toBe(404);

    const disabled = await inject({
      method: 'POST',
      url: `/api/admin/redemptions/${batch.id}/disable`,
      headers: admin,
    });
    expect(disabled.json()).toEqual({ disabled: 2 });
    const late = await inject({ method: 'POST', url: '/api/redeem', headers: as(alice), payload: { code: codes[1] } });
    expect(late.json().error.code).toBe('redemption_code_disabled');
  });

  it('lists models publicly with official and sale prices; admin prices apply at once', async () => {
    const anonymous = await inject({ method: 'GET', url: '/api/models' });
    expect(anonymous.statusCode).toBe(200);
    const body = anonymous.json() as { group: string; data: Array<Record<string, unknown>> };
    expect(body.group).toBe('default');
    expect(body.data.map((m) => `${m.kind}:${m.id}`)).toEqual([
      'chat:gpt-a',
      'chat:gpt-unpriced',
      'embedding:text-embed',
      'chat:anthropic/claude-x',
    ]);
    const embeddings = (await inject({ method: 'GET', url: '/api/models?kind=embedding' })).json();
    expect(embeddings.data).toEqual([
      expect.objectContaining({ id: 'text-embed', kind: 'embedding', pricesKnown: true }),
    ]);
    const chat = (await inject({ method: 'GET', url: '/api/models?kind=chat&provider=openai' })).json();
    expect(chat.data.map((m: { id: string }) => m.id)).toEqual(['gpt-a', 'gpt-unpriced']);
    expect((await inject({ method: 'GET', url: '/api/models?kind=video' })).statusCode).toBe(400);
    expect(body.data[0]).toEqual({
      id: 'gpt-a',
      provider: 'openai',
      kind: 'chat',
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      capabilities: expect.objectContaining({ tools: true, vision: false }),
      pricesKnown: true,
      official: { input: 2_500_000, output: 10_000_000, cacheRead: 1_250_000 },
      sale: { input: 2_500_000, output: 10_000_000, cacheRead: 1_250_000, source: 'official×multiplier' },
    });
    expect(body.data[1]).toMatchObject({ pricesKnown: false, official: null, sale: null });

    expect((await inject({ method: 'GET', url: '/api/admin/prices', headers: as(alice) })).statusCode).toBe(403);
    const put = await inject({
      method: 'PUT',
      url: '/api/admin/prices',
      headers: admin,
      payload: {
        globalMultiplierPpm: 300_000,
        groups: { vip: 500_000 },
        models: { 'gpt-unpriced': { fixed: { input: 1_000, output: 2_000 } } },
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({
      globalMultiplierPpm: 300_000,
      groups: { vip: 500_000 },
      models: { 'gpt-unpriced': { fixed: { input: 1_000, output: 2_000 } } },
    });
    const bad = await inject({
      method: 'PUT',
      url: '/api/admin/prices',
      headers: admin,
      payload: { models: { x: { fixed: { input: 1 } } } },
    });
    expect(bad.statusCode).toBe(400);

    // The console validates typed unit keys with the pattern the PUT itself checks.
    expect((await inject({ method: 'GET', url: '/api/admin/prices/unit-keys', headers: as(alice) })).statusCode).toBe(
      403,
    );
    const unitKeys = (await inject({ method: 'GET', url: '/api/admin/prices/unit-keys', headers: admin })).json();
    expect(unitKeys.kinds).toEqual(['image', 'video_second', 'audio_second', 'character', 'search', 'mj']);
    const served = new RegExp(unitKeys.pattern);
    for (const [key, ok] of [
      ['image:1024x1024:hd', true],
      ['mj:imagine', true],
      ['picture:1024x1024', false],
      ['image:1024 x 1024', false],
    ] as const) {
      expect(served.test(key), key).toBe(ok);
      const answer = await inject({
        method: 'PUT',
        url: '/api/admin/prices',
        headers: admin,
        payload: {
          globalMultiplierPpm: 300_000,
          groups: { vip: 500_000 },
          models: {
            'gpt-unpriced': { fixed: { input: 1_000, output: 2_000 } },
            'dall-e-3': { fixed: { perUnit: { [key]: 90_000 } } },
          },
        },
      });
      expect(answer.statusCode, key).toBe(ok ? 200 : 400);
    }

    const vip = (await inject({ method: 'GET', url: '/api/models?provider=openai', headers: as(alice, 'vip') })).json();
    expect(vip.group).toBe('vip');
    expect(vip.data[0]).toMatchObject({
      official: { input: 2_500_000 },
      sale: { input: 375_000, output: 1_500_000, cacheRead: 187_500 },
    });
    expect(vip.data[1]).toMatchObject({
      pricesKnown: true,
      official: null,
      sale: { input: 500, output: 1_000, source: 'fixed' },
    });
    const peek = await inject({ method: 'GET', url: '/api/models?group=vip', headers: as(alice) });
    expect(peek.statusCode).toBe(403);
    const adminPeek = await inject({ method: 'GET', url: '/api/models?group=vip&provider=openai', headers: admin });
    expect(adminPeek.json().data[0].sale.input).toBe(375_000);
    const got = await inject({ method: 'GET', url: '/api/admin/prices', headers: admin });
    expect(got.json().globalMultiplierPpm).toBe(300_000);
    await inject({ method: 'PUT', url: '/api/admin/prices', headers: admin, payload: {} });
  });

  it('admin overrides catalog entries (ids with slashes URL-encoded) and the model list follows', async () => {
    const url = '/api/admin/catalog/overrides/openrouter/anthropic%2Fclaude-x';
    expect((await inject({ method: 'PUT', url, headers: as(alice), payload: { maxOutputTokens: 1 } })).statusCode).toBe(
      403,
    );
    const put = await inject({
      method: 'PUT',
      url,
      headers: admin,
      payload: { maxOutputTokens: 4_096, prices: { output: 14_000_000 } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ provider: 'openrouter', id: 'anthropic/claude-x', maxOutputTokens: 4_096 });
    const models = (await inject({ method: 'GET', url: '/api/models?provider=openrouter' })).json();
    expect(models.data[0]).toMatchObject({ maxOutputTokens: 4_096, official: { output: 14_000_000 } });
    const status = (await inject({ method: 'GET', url: '/api/admin/catalog', headers: admin })).json();
    expect(status).toMatchObject({
      source: 'builtin',
      overrides: 1,
      overrideList: [{ provider: 'openrouter', modelId: 'anthropic/claude-x' }],
    });
    const invalid = await inject({
      method: 'PUT',
      url: '/api/admin/catalog/overrides/openai/gpt-a',
      headers: admin,
      payload: { prices: { input: 'cheap' } },
    });
    expect(invalid.statusCode).toBe(400);
    expect((await inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(204);
    expect((await inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(404);
    const refresh = await inject({
      method: 'POST',
      url: '/api/admin/catalog/refresh',
      headers: admin,
      payload: { url: 'not a url' },
    });
    expect(refresh.statusCode).toBe(400);
  });

  it('lists overruns to admins only, newest first, with what was not collected', async () => {
    const carol = await createUser(store(), { balance: 1_000 });
    await ledger.reserve({ requestId: 'req_overrun_route', userId: carol, keyId: null, amount: 600 });
    await ledger.settle({ requestId: 'req_overrun_route', cost: 1_500, reason: testCharge() });
    expect((await inject({ method: 'GET', url: '/api/admin/billing/overruns', headers: as(carol) })).statusCode).toBe(
      403,
    );
    const bad = await inject({ method: 'GET', url: '/api/admin/billing/overruns?limit=0', headers: admin });
    expect(bad.statusCode).toBe(400);
    const res = await inject({ method: 'GET', url: `/api/admin/billing/overruns?userId=${carol}`, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([
      expect.objectContaining({
        requestId: 'req_overrun_route',
        userId: carol,
        held: 600,
        cost: 1_500,
        charged: 1_000,
        uncollected: 500,
        uncollectedUsd: '$0.000500',
      }),
    ]);
  });

  it('documents every route in OpenAPI', () => {
    const doc = buildOpenApiDocument(harness.api.routes, 'test') as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/balance',
        '/api/ledger',
        '/api/admin/users/{id}/adjust',
        '/api/redeem',
        '/api/admin/redemptions',
        '/api/admin/redemptions/{id}/codes',
        '/api/admin/prices',
        '/api/admin/prices/unit-keys',
        '/api/models',
        '/api/admin/catalog/refresh',
        '/api/admin/catalog/overrides/{provider}/{model}',
        '/api/admin/billing/overruns',
      ]),
    );
  });
});
