import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../../../test/api-harness.js';
import { channelStoreFor, channelTestDeps, clearChannels } from '../../../../test/channels/channel-fixtures.js';
import { describeEachDialect } from '../../../../test/db-harness.js';
import { DEFAULT_API_KEY, type Emulator, startOpenAIEmulator } from '../../../../test/emulators/index.js';
import { ChannelRegistry } from '../../../channels/channel-registry.js';
import { ChannelTestResults } from '../../../channels/channel-test-results.js';
import { channelsFromEnv } from '../../../routing/channels-from-env.js';
import { buildOpenApiDocument } from '../openapi.js';
import { registerChannelRoutes } from './channel-routes.js';

const asAdmin = { 'x-test-user': 'usr_admin', 'x-test-role': 'admin' };
const asUser = { 'x-test-user': 'usr_alice' };
const ADMIN_KEY = 'sk-admin-managed-SECRETKEY-0001';
const ENV_KEY = 'sk-env-declared-SECRETKEY-0002';
const HEADER_SECRET = 'header-SECRET-value';

describeEachDialect('channel routes', (store) => {
  let harness: ReturnType<typeof createApiHarness>;
  let registry: ChannelRegistry;
  let openai: Emulator;
  const bodies: string[] = [];

  beforeAll(async () => {
    await clearChannels(store());
    openai = await startOpenAIEmulator();
    // Late-bound: admin channels may not take an env/config channel's name.
    const { channels, clock } = channelStoreFor(store(), {
      isNameReserved: (name) => registry.statics.isReservedName(name),
    });
    registry = new ChannelRegistry({
      store: channels,
      staticChannels: channelsFromEnv({ OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: openai.url }),
      now: clock.now,
    });
    await registry.reload();
    harness = createApiHarness(headerPrincipals, (api) =>
      registerChannelRoutes(api, {
        store: channels,
        registry,
        tester: channelTestDeps(),
        testResults: new ChannelTestResults(store()),
        priceKnown: () => true,
      }),
    );
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
    await openai.close();
  });

  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers = asAdmin,
  ) => {
    const response = await harness.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    bodies.push(response.body);
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };

  const createBody = (overrides: object = {}) => ({
    name: 'team-openai',
    type: 'openai',
    baseUrl: openai.url,
    keys: [DEFAULT_API_KEY, ADMIN_KEY],
    models: ['gpt-*'],
    modelMapping: { 'gpt-4o': 'gpt-4o-2024-08-06' },
    headers: { 'X-Secret': HEADER_SECRET },
    priority: 10,
    ...overrides,
  });

  it('is for administrators only', async () => {
    expect((await call('GET', '/api/admin/channels', undefined, {} as typeof asAdmin)).status).toBe(401);
    expect((await call('GET', '/api/admin/channels', undefined, asUser as typeof asAdmin)).status).toBe(403);
    expect((await call('POST', '/api/admin/channels', createBody(), asUser as typeof asAdmin)).status).toBe(403);
    expect((await call('POST', '/api/admin/channels/env-openai/test', {}, asUser as typeof asAdmin)).status).toBe(403);
  });

  it('creates a channel that routes at once, and lists every channel without secrets', async () => {
    const created = await call('POST', '/api/admin/channels', createBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'team-openai',
      source: 'admin',
      readOnly: false,
      headerNames: ['X-Secret'],
      modelMapping: { 'gpt-4o': 'gpt-4o-2024-08-06' },
      keys: [
        { hint: '…ey', status: 'enabled' },
        { hint: 'sk-admin-…0001', status: 'enabled' },
      ],
    });
    expect(registry.channels.map((channel) => channel.name)).toEqual(['openai', 'team-openai']);

    const list = await call('GET', '/api/admin/channels');
    expect(list.status).toBe(200);
    expect(list.body.data.map((c: { source: string; readOnly: boolean }) => [c.source, c.readOnly])).toEqual([
      ['env', true],
      ['admin', false],
    ]);
    expect(list.body.data[0].keys[0].hint).toBe('sk-env-…0002');
  });

  it('answers 409 for a taken name and 400 for invalid settings', async () => {
    const taken = await call('POST', '/api/admin/channels', createBody({ name: 'TEAM-openai' }));
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'channel_name_taken' } } });
    const envName = await call('POST', '/api/admin/channels', createBody({ name: 'openai' }));
    expect(envName.status).toBe(409);
    const badType = await call('POST', '/api/admin/channels', createBody({ name: 'x1', type: 'mystery' }));
    expect(badType).toMatchObject({ status: 400, body: { error: { param: 'type' } } });
    const unknownField = await call('POST', '/api/admin/channels', createBody({ name: 'x2', colour: 'red' }));
    expect(unknownField.status).toBe(400);
    const badWeight = await call('POST', '/api/admin/channels', createBody({ name: 'x3', weight: 5000 }));
    expect(badWeight.status).toBe(400);
  });

  it('patches, manages keys and enables/disables, each applied to the live set at once', async () => {
    const id = registry.channels.find((channel) => channel.name === 'team-openai')?.id as string;
    const patched = await call('PATCH', `/api/admin/channels/${id}`, { weight: 0, priority: 3 });
    expect(patched).toMatchObject({ status: 200, body: { weight: 0, priority: 3 } });
    expect(registry.channels.find((channel) => channel.id === id)?.weight).toBe(0);

    const added = await call('POST', `/api/admin/channels/${id}/keys`, { keys: ['sk-third-SECRETKEY-0003'] });
    expect(added.body.keys).toHaveLength(3);
    const third = added.body.keys[2].id;
    const disabled = await call('PATCH', `/api/admin/channels/${id}/keys/${third}`, {
      status: 'disabled',
      reason: 'spare',
    });
    expect(disabled.body.keys[2]).toMatchObject({ status: 'disabled', statusReason: 'spare' });
    expect(registry.channels.find((channel) => channel.id === id)?.keys).toHaveLength(2);
    const removed = await call('DELETE', `/api/admin/channels/${id}/keys/${third}`);
    expect(removed.body.keys).toHaveLength(2);
    expect((await call('DELETE', `/api/admin/channels/${id}/keys/chk_missing`)).status).toBe(404);

    const off = await call('POST', `/api/admin/channels/${id}/disable`, { reason: 'billing review' });
    expect(off.body).toMatchObject({ status: 'disabled', statusReason: 'billing review' });
    expect(registry.channels.some((channel) => channel.id === id)).toBe(false);
    const on = await call('POST', `/api/admin/channels/${id}/enable`, {});
    expect(on.body).toMatchObject({ status: 'enabled', statusReason: null });
    expect(registry.channels.some((channel) => channel.id === id)).toBe(true);
    expect((await call('GET', `/api/admin/channels/${id}`)).body.id).toBe(id);
  });

  it('keeps env channels read-only but lets admins disable and enable them in memory', async () => {
    for (const [method, url, payload] of [
      ['PATCH', '/api/admin/channels/env-openai', { weight: 2 }],
      ['DELETE', '/api/admin/channels/env-openai', undefined],
      ['POST', '/api/admin/channels/env-openai/keys', { keys: ['sk-more'] }],
      ['DELETE', '/api/admin/channels/env-openai/keys/env-openai-0', undefined],
    ] as const) {
      const response = await call(method, url, payload);
      expect(response).toMatchObject({ status: 400, body: { error: { code: 'channel_read_only' } } });
    }
    const off = await call('POST', '/api/admin/channels/env-openai/disable', { reason: 'not today' });
    expect(off.body).toMatchObject({ source: 'env', status: 'disabled', statusReason: 'not today' });
    expect(registry.channels.some((channel) => channel.id === 'env-openai')).toBe(false);
    await call('POST', '/api/admin/channels/env-openai/enable');
    expect(registry.channels.some((channel) => channel.id === 'env-openai')).toBe(true);
  });

  it('tests a channel: ok with latency, or the upstream error as a result', async () => {
    const id = registry.channels.find((channel) => channel.name === 'team-openai')?.id as string;
    const ok = await call('POST', `/api/admin/channels/${id}/test`, { model: 'gpt-4o' });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, model: 'gpt-4o', upstreamModel: 'gpt-4o-2024-08-06' } });
    expect(ok.body.latencyMs).toBeGreaterThanOrEqual(0);
    const view = await call('GET', `/api/admin/channels/${id}`);
    const wrongKey = view.body.keys[1].id;
    const bad = await call('POST', `/api/admin/channels/${id}/test`, { keyId: wrongKey });
    expect(bad).toMatchObject({ status: 200, body: { ok: false, keyId: wrongKey, error: { kind: 'authentication' } } });
    const envTest = await call('POST', '/api/admin/channels/env-openai/test', {});
    expect(envTest.body).toMatchObject({ ok: false, error: { kind: 'authentication' } });
    expect((await call('POST', '/api/admin/channels/ch_missing/test', {})).status).toBe(404);
  });

  it('deletes an admin channel and documents every route in OpenAPI', async () => {
    const id = registry.channels.find((channel) => channel.name === 'team-openai')?.id as string;
    expect((await call('DELETE', `/api/admin/channels/${id}`)).status).toBe(204);
    expect(registry.channels.map((channel) => channel.id)).toEqual(['env-openai']);
    expect((await call('GET', `/api/admin/channels/${id}`)).status).toBe(404);
    const document = buildOpenApiDocument(harness.api.routes, 'test') as { paths: Record<string, object> };
    expect(Object.keys(document.paths)).toContain('/api/admin/channels/{id}/test');
  });

  it('never answered with a plaintext key or header value, in any response above', () => {
    expect(bodies.length).toBeGreaterThan(20);
    const all = bodies.join('\n');
    expect(all).not.toContain('SECRETKEY');
    expect(all).not.toContain(HEADER_SECRET);
    expect(all).not.toContain(DEFAULT_API_KEY);
  });
});
