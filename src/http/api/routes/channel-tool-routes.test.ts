import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../../../test/api-harness.js';
import { channelStoreFor, channelTestDeps, clearChannels } from '../../../../test/channels/channel-fixtures.js';
import { describeEachDialect } from '../../../../test/db-harness.js';
import {
  DEFAULT_API_KEY,
  deepSeekBalance,
  type Emulator,
  moonshotBalance,
  openRouterCredits,
  siliconFlowUserInfo,
  startAnthropicEmulator,
  startGeminiEmulator,
  startOpenAIEmulator,
} from '../../../../test/emulators/index.js';
import { ChannelRegistry } from '../../../channels/channel-registry.js';
import { ChannelTestResults } from '../../../channels/channel-test-results.js';
import { buildOpenApiDocument } from '../openapi.js';
import { registerChannelRoutes } from './channel-routes.js';

const asAdmin = { 'x-test-user': 'usr_admin', 'x-test-role': 'admin' };
const asUser = { 'x-test-user': 'usr_alice' };

describeEachDialect('channel tool routes', (store) => {
  let harness: ReturnType<typeof createApiHarness>;
  let registry: ChannelRegistry;
  const emulators: Emulator[] = [];
  const ids: Record<string, string> = {};

  const call = async (
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    headers: Record<string, string> = asAdmin,
  ) => {
    const response = await harness.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };

  beforeAll(async () => {
    await clearChannels(store());
    const deepseek = await startOpenAIEmulator({ label: 'DeepSeek', jsonGets: deepSeekBalance('110.50') });
    const openrouter = await startOpenAIEmulator({
      label: 'OpenRouter',
      basePath: '/api/v1',
      models: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4.5'],
      jsonGets: openRouterCredits(25, 5.5),
    });
    const moonshot = await startOpenAIEmulator({ label: 'Moonshot', jsonGets: moonshotBalance(49.58894) });
    const anthropic = await startAnthropicEmulator({ models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] });
    const gemini = await startGeminiEmulator();
    const siliconflow = await startOpenAIEmulator({
      label: 'SiliconFlow',
      jsonGets: siliconFlowUserInfo('0.88', '88.00', '88.88'),
    });
    emulators.push(deepseek, openrouter, moonshot, anthropic, gemini, siliconflow);
    const { channels, clock } = channelStoreFor(store());
    registry = new ChannelRegistry({ store: channels, staticChannels: [], now: clock.now });
    await registry.reload();
    harness = createApiHarness(headerPrincipals, (api) =>
      registerChannelRoutes(api, {
        store: channels,
        registry,
        tester: channelTestDeps(),
        testResults: new ChannelTestResults(store()),
        // The relay's question; here every model but the house one has a price.
        priceKnown: (_vendor, model) => model !== 'house-model-upstream',
      }),
    );
    await harness.app.ready();
    const create = async (name: string, body: object) => {
      const created = await call('POST', '/api/admin/channels', { name, keys: [DEFAULT_API_KEY], ...body });
      expect(created.status).toBe(201);
      ids[name] = created.body.id;
    };
    await create('ds', {
      type: 'deepseek',
      baseUrl: deepseek.url,
      models: ['deepseek-chat', 'house-model', 'deepseek-*'],
      modelMapping: { 'house-model': 'house-model-upstream' },
      tags: ['cn', 'cheap', 'CN'],
    });
    await create('or', { type: 'openrouter', baseUrl: openrouter.url, models: ['openai/gpt-4o-mini'], tags: ['intl'] });
    await create('moon', { type: 'moonshot', baseUrl: moonshot.url, models: ['kimi-k2'], tags: ['cn'] });
    await create('claude', { type: 'anthropic', baseUrl: anthropic.url, models: ['claude-sonnet-4-5'] });
    await create('gem', { type: 'gemini', baseUrl: gemini.url, models: ['gemini-2.5-flash'] });
    await create('dead', { type: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['gpt-4o'], tags: ['intl'] });
  });

  afterAll(async () => {
    await harness.app.close();
    await Promise.all(emulators.map((emulator) => emulator.close()));
  });

  it('keeps tags (deduplicated) and warns about named models with no price', async () => {
    const list = await call('GET', '/api/admin/channels');
    const ds = list.body.data.find((channel: { name: string }) => channel.name === 'ds');
    expect(ds).toMatchObject({ tags: ['cn', 'cheap'], unpricedModels: ['house-model'], balanceAvailable: true });
    const claude = list.body.data.find((channel: { name: string }) => channel.name === 'claude');
    expect(claude).toMatchObject({ tags: [], unpricedModels: [], balanceAvailable: false, lastTest: null });
    const badTag = await call('POST', '/api/admin/channels', { name: 'x', type: 'openai', tags: ['a,b'] });
    expect(badTag).toMatchObject({ status: 400, body: { error: { param: 'tags' } } });
  });

  it('tests every channel of a tag, a few at a time, and keeps each result for the list', async () => {
    const tested = await call('POST', '/api/admin/channels/test-all', { tag: 'intl', concurrency: 2 });
    expect(tested.status).toBe(200);
    expect(tested.body.data.map((result: { channelId: string; ok: boolean }) => [result.channelId, result.ok])).toEqual(
      [
        [ids.dead, false],
        [ids.or, true],
      ],
    );
    const all = await call('POST', '/api/admin/channels/test-all', {});
    expect(all.body.data).toHaveLength(6);
    const list = await call('GET', '/api/admin/channels');
    for (const channel of list.body.data) {
      expect(channel.lastTest).toMatchObject({ ok: channel.name !== 'dead' });
      expect(channel.lastTest.latencyMs).toBeGreaterThanOrEqual(0);
    }
    const dead = list.body.data.find((channel: { name: string }) => channel.name === 'dead');
    expect(dead.lastTest.error.kind).toBeTruthy();
    expect((await call('POST', '/api/admin/channels/test-all', { ids: ['ch_missing'] })).status).toBe(404);
  });

  it("lists the upstream's own models for each wire format", async () => {
    const openrouter = await call('GET', `/api/admin/channels/${ids.or}/upstream-models`);
    expect(openrouter.body).toEqual({ ok: true, models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o-mini'] });
    const claude = await call('GET', `/api/admin/channels/${ids.claude}/upstream-models`);
    expect(claude.body).toEqual({ ok: true, models: ['claude-haiku-4-5', 'claude-sonnet-4-5'] });
    const gemini = await call('GET', `/api/admin/channels/${ids.gem}/upstream-models`);
    expect(gemini.body.ok).toBe(true);
    expect(gemini.body.models.length).toBeGreaterThan(0);
    expect(gemini.body.models.every((id: string) => !id.startsWith('models/'))).toBe(true);
    const dead = await call('GET', `/api/admin/channels/${ids.dead}/upstream-models`);
    expect(dead).toMatchObject({ status: 200, body: { ok: false, error: { kind: expect.any(String) } } });
  });

  it('reads the balance where the vendor exposes it', async () => {
    expect((await call('GET', `/api/admin/channels/${ids.ds}/balance`)).body).toEqual({
      available: true,
      ok: true,
      balances: [{ currency: 'CNY', remaining: 110.5 }],
    });
    expect((await call('GET', `/api/admin/channels/${ids.or}/balance`)).body).toEqual({
      available: true,
      ok: true,
      balances: [{ currency: 'USD', remaining: 19.5 }],
    });
    expect((await call('GET', `/api/admin/channels/${ids.moon}/balance`)).body.balances).toEqual([
      { currency: 'CNY', remaining: 49.5889 },
    ]);
    // SiliconFlow's China site: the total (granted + paid) in CNY, sent with the channel's key. Its
    // channel lives only for this check: the bulk tests below count the others.
    const sf = await call('POST', '/api/admin/channels', {
      name: 'sf',
      type: 'siliconflow',
      keys: [DEFAULT_API_KEY],
      baseUrl: emulators[5]?.url,
      models: ['Qwen/Qwen2.5-7B-Instruct'],
    });
    expect(sf.status).toBe(201);
    ids.sf = sf.body.id;
    expect((await call('GET', `/api/admin/channels/${ids.sf}/balance`)).body).toEqual({
      available: true,
      ok: true,
      balances: [{ currency: 'CNY', remaining: 88.88 }],
    });
    const userInfo = emulators[5]?.requests.find((recorded) => recorded.path === '/v1/user/info');
    expect(userInfo?.headers.authorization).toBe(`Bearer ${DEFAULT_API_KEY}`);
    const removed = await harness.app.inject({
      method: 'DELETE',
      url: `/api/admin/channels/${ids.sf}`,
      headers: asAdmin,
    });
    expect(removed.statusCode).toBeLessThan(300);
    expect((await call('GET', `/api/admin/channels/${ids.claude}/balance`)).body).toEqual({ available: false });
    const request = emulators[0]?.requests.find((recorded) => recorded.path === '/user/balance');
    expect(request?.headers.authorization).toBe(`Bearer ${DEFAULT_API_KEY}`);
  });

  it('enables and disables many channels by id or by tag, all or nothing', async () => {
    const off = await call('POST', '/api/admin/channels/bulk-status', { tag: 'CN', status: 'disabled' });
    expect(off.body).toEqual({ updated: 2, ids: [ids.ds, ids.moon] });
    expect(registry.channels.map((channel) => channel.name).sort()).toEqual(['claude', 'dead', 'gem', 'or']);
    const missing = await call('POST', '/api/admin/channels/bulk-status', {
      ids: [ids.ds, 'ch_missing'],
      status: 'enabled',
    });
    expect(missing.status).toBe(404);
    expect(registry.channels).toHaveLength(4);
    const on = await call('POST', '/api/admin/channels/bulk-status', { ids: [ids.ds, ids.moon], status: 'enabled' });
    expect(on.body.updated).toBe(2);
    expect(registry.channels).toHaveLength(6);
    expect((await call('POST', '/api/admin/channels/bulk-status', { status: 'disabled' })).status).toBe(400);
  });

  it('is for administrators only, and every tool is in OpenAPI', async () => {
    for (const [method, url] of [
      ['POST', '/api/admin/channels/test-all'],
      ['GET', `/api/admin/channels/${ids.ds}/upstream-models`],
      ['GET', `/api/admin/channels/${ids.ds}/balance`],
      ['POST', '/api/admin/channels/bulk-status'],
    ] as const) {
      expect(
        (await call(method, url, method === 'POST' ? { status: 'enabled', ids: [] } : undefined, asUser)).status,
      ).toBe(403);
    }
    const paths = Object.keys((buildOpenApiDocument(harness.api.routes, 'test') as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/admin/channels/test-all',
        '/api/admin/channels/{id}/upstream-models',
        '/api/admin/channels/{id}/balance',
        '/api/admin/channels/bulk-status',
      ]),
    );
  });
});
