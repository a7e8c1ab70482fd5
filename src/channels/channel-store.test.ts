import { beforeEach, expect, it } from 'vitest';
import { channelStoreFor, clearChannels, T0, uniqueName } from '../../test/channels/channel-fixtures.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { SecretBox } from './secret-box.js';

const OPENAI_KEY = 'sk-proj-PLAINTEXTsecretAAAA1111';
const SECOND_KEY = 'sk-proj-PLAINTEXTsecretBBBB2222';

describeEachDialect('ChannelStore', (store) => {
  beforeEach(async () => {
    await clearChannels(store());
  });

  it('creates a channel with its keys encrypted at rest and returns only hints', async () => {
    const { channels, box } = channelStoreFor(store());
    const view = await channels.create({
      name: 'main-openai',
      type: 'openai',
      keys: [OPENAI_KEY, SECOND_KEY, OPENAI_KEY],
      headers: { 'X-Org': 'org-secret-header' },
    });
    expect(view).toMatchObject({ name: 'main-openai', type: 'openai', source: 'admin', readOnly: false });
    expect(view.baseUrl).toBe('https://api.openai.com/v1');
    expect(view.keys.map((key) => key.hint)).toEqual(['sk-proj-…1111', 'sk-proj-…2222']);
    expect(view.headerNames).toEqual(['X-Org']);
    expect(view.createdAt).toBe(T0);
    const json = JSON.stringify(view);
    expect(json).not.toContain('PLAINTEXT');
    expect(json).not.toContain('org-secret-header');

    const keyRows = await store().db.selectFrom('channel_keys').selectAll().execute();
    expect(keyRows).toHaveLength(2);
    for (const row of keyRows) {
      expect(row.key_encrypted).not.toContain('PLAINTEXT');
      expect(row.key_encrypted.startsWith('v1:')).toBe(true);
    }
    expect(keyRows.map((row) => box.decrypt(row.key_encrypted)).sort()).toEqual([OPENAI_KEY, SECOND_KEY]);
    const channelRow = await store().db.selectFrom('channels').selectAll().executeTakeFirstOrThrow();
    expect(channelRow.headers_encrypted).not.toContain('org-secret-header');
  });

  it('loadAll returns decrypted Channels in the router shape', async () => {
    const { channels } = channelStoreFor(store());
    await channels.create({
      name: 'mapped',
      type: 'deepseek',
      keys: [OPENAI_KEY],
      models: ['deepseek-*', 'gpt-4o'],
      modelMapping: { 'gpt-4o': 'deepseek-chat' },
      priority: 5,
      weight: 3,
      groups: ['vip'],
      proxyUrl: 'http://proxy.local:3128',
      timeouts: { connectMs: 2000, firstByteMs: 9000, totalMs: 60_000 },
    });
    const [channel] = await channels.loadAll();
    expect(channel).toMatchObject({
      name: 'mapped',
      provider: 'openai',
      vendor: 'deepseek',
      baseUrl: 'https://api.deepseek.com/v1',
      models: ['deepseek-*', 'gpt-4o'],
      modelMapping: { 'gpt-4o': 'deepseek-chat' },
      priority: 5,
      weight: 3,
      groups: ['vip'],
      proxyUrl: 'http://proxy.local:3128',
      timeouts: { connectMs: 2000, headersMs: 9000, idleMs: 300_000, totalMs: 60_000 },
      source: 'admin',
    });
    expect(channel.keys).toEqual([{ id: expect.stringMatching(/^chk_/), key: OPENAI_KEY }]);
    expect(channel.compat?.name).toBe('deepseek');
  });

  it('keeps disabled channels and disabled keys out of the live set', async () => {
    const { channels } = channelStoreFor(store());
    const a = await channels.create({ name: uniqueName(), type: 'openai', keys: [OPENAI_KEY, SECOND_KEY] });
    const b = await channels.create({ name: uniqueName(), type: 'anthropic', keys: ['sk-ant-api03-xxxxxxxxxxxxxxxx'] });
    await channels.setKeyStatus(a.id, a.keys[0].id, 'disabled', 'rotating');
    await channels.setStatus(b.id, 'disabled', 'maintenance');
    const live = await channels.loadLive();
    expect(live.channels.map((channel) => channel.id)).toEqual([a.id]);
    expect(live.channels[0].keys.map((key) => key.key)).toEqual([SECOND_KEY]);
    expect(live.statuses.get(b.id)).toMatchObject({ status: 'disabled', reason: 'maintenance', changedAt: T0 });

    await channels.setKeyStatus(a.id, a.keys[1].id, 'disabled');
    expect(await channels.loadAll()).toEqual([]);
    const view = await channels.get(a.id);
    expect(view.keys.map((key) => key.status)).toEqual(['disabled', 'disabled']);
    expect(view.keys[0].statusReason).toBe('rotating');
  });

  it('treats a channel without any key as key-less only for ollama and custom', async () => {
    const { channels } = channelStoreFor(store());
    await channels.create({ name: 'local', type: 'ollama', keys: [] });
    await channels.create({ name: 'keyless-openai', type: 'openai', keys: [] });
    const live = await channels.loadAll();
    expect(live.map((channel) => channel.name)).toEqual(['local']);
    expect(live[0].keys).toEqual([{ id: expect.any(String), key: '' }]);
  });

  it('updates with patch semantics: absent stays, null resets, result re-validated', async () => {
    const { channels, clock } = channelStoreFor(store());
    const created = await channels.create({
      name: 'patchme',
      type: 'openai',
      keys: [OPENAI_KEY],
      models: ['gpt-4o'],
      headers: { 'X-Keep': 'kept-value' },
      weight: 5,
    });
    clock.set(T0 + 1000);
    const updated = await channels.update(created.id, { weight: 0, models: null, baseUrl: 'https://gw.example/v1/' });
    expect(updated).toMatchObject({ weight: 0, models: null, baseUrl: 'https://gw.example/v1', updatedAt: T0 + 1000 });
    expect(updated.headerNames).toEqual(['X-Keep']);
    const [live] = await channels.loadAll();
    expect(live.headers).toEqual({ 'X-Keep': 'kept-value' });
    await expect(channels.update(created.id, { type: 'custom' })).rejects.toMatchObject({
      status: 400,
      param: 'models',
    });
  });

  it('validates type, URLs, models, weight and priority', async () => {
    const { channels } = channelStoreFor(store());
    const bad = async (input: Record<string, unknown>, param: string) =>
      expect(channels.create({ name: uniqueName(), type: 'openai', keys: ['sk-x'], ...input })).rejects.toMatchObject({
        status: 400,
        param,
      });
    await bad({ type: 'nope' }, 'type');
    await bad({ type: 'custom' }, 'baseUrl');
    await bad({ type: 'custom', baseUrl: 'https://x.example/v1' }, 'models');
    await bad({ baseUrl: 'ftp://x.example' }, 'baseUrl');
    await bad({ baseUrl: 'not a url' }, 'baseUrl');
    await bad({ proxyUrl: 'socks5://proxy:1080' }, 'proxyUrl');
    await bad({ models: ['gpt 4o'] }, 'models[0]');
    await bad({ models: ['gpt-?'] }, 'models[0]');
    await bad({ models: [] }, 'models');
    await bad({ modelMapping: { 'gpt-*': 'x' } }, 'modelMapping.gpt-*');
    await bad({ weight: 1001 }, 'weight');
    await bad({ weight: -1 }, 'weight');
    await bad({ priority: 1.5 }, 'priority');
    await bad({ headers: { 'Content-Length': '1' } }, 'headers.Content-Length');
    await bad({ headers: { 'X-A': 'a\r\nb' } }, 'headers.X-A');
    await bad({ keys: ['sk with space'] }, 'keys[0]');
    await bad({ name: 'a/b' }, 'name');
    await bad({ timeouts: { connectMs: 0 } }, 'timeouts.connectMs');
    const custom = await channels.create({
      name: uniqueName(),
      type: 'custom',
      baseUrl: 'http://10.0.0.5:8000/v1',
      models: ['llama-*', 'qwen2.5:7b'],
      keys: [],
    });
    expect(custom.type).toBe('custom');
    expect(await channels.loadAll()).toEqual([
      expect.objectContaining({
        vendor: 'custom',
        provider: 'openai',
        compat: { name: 'custom', useMaxTokens: true, rerankWire: 'jina' },
      }),
    ]);
  });

  it('refuses a duplicate name (any case) and a reserved env/config name with 409', async () => {
    const { channels } = channelStoreFor(store(), { isNameReserved: (name) => name.toLowerCase() === 'openai' });
    const first = await channels.create({ name: 'Primary', type: 'openai', keys: ['sk-a'] });
    await expect(channels.create({ name: 'primary', type: 'openai', keys: ['sk-b'] })).rejects.toMatchObject({
      status: 409,
      code: 'channel_name_taken',
    });
    await expect(channels.create({ name: 'OpenAI', type: 'openai', keys: ['sk-b'] })).rejects.toMatchObject({
      status: 409,
    });
    const other = await channels.create({ name: 'secondary', type: 'openai', keys: ['sk-c'] });
    await expect(channels.update(other.id, { name: 'PRIMARY' })).rejects.toMatchObject({ status: 409 });
    expect((await channels.update(first.id, { name: 'primary' })).name).toBe('primary');
  });

  it('adds keys without duplicates, removes and re-enables them, scoped to their channel', async () => {
    const { channels } = channelStoreFor(store());
    const a = await channels.create({ name: uniqueName(), type: 'openai', keys: [OPENAI_KEY] });
    const b = await channels.create({ name: uniqueName(), type: 'openai', keys: ['sk-other-key-00000000'] });
    const added = await channels.addKeys(a.id, [OPENAI_KEY, SECOND_KEY]);
    expect(added.keys.map((key) => key.hint)).toEqual(['sk-proj-…1111', 'sk-proj-…2222']);
    await expect(channels.removeKey(b.id, added.keys[0].id)).rejects.toMatchObject({
      status: 404,
      code: 'channel_key_not_found',
    });
    await expect(channels.removeKey('ch_missing', added.keys[0].id)).rejects.toMatchObject({
      code: 'channel_not_found',
    });
    const removed = await channels.removeKey(a.id, added.keys[0].id);
    expect(removed.keys.map((key) => key.hint)).toEqual(['sk-proj-…2222']);
    await channels.setKeyStatus(a.id, removed.keys[0].id, 'disabled', 'x');
    const enabled = await channels.setKeyStatus(a.id, removed.keys[0].id, 'enabled', 'ignored');
    expect(enabled.keys[0]).toMatchObject({ status: 'enabled', statusReason: null });
  });

  it('auto-disables once, keeping the first reason and time', async () => {
    const { channels, clock } = channelStoreFor(store());
    const a = await channels.create({ name: uniqueName(), type: 'openai', keys: [OPENAI_KEY] });
    clock.set(T0 + 5);
    expect(await channels.autoDisableKey(a.id, a.keys[0].id, 'invalid_api_key: Incorrect API key')).toBe(true);
    clock.set(T0 + 9);
    expect(await channels.autoDisableKey(a.id, a.keys[0].id, 'later')).toBe(false);
    expect(await channels.autoDisableChannel(a.id, 'account suspended')).toBe(true);
    expect(await channels.autoDisableChannel(a.id, 'again')).toBe(false);
    const view = await channels.get(a.id);
    expect(view).toMatchObject({ status: 'auto_disabled', statusReason: 'account suspended', statusChangedAt: T0 + 9 });
    expect(view.keys[0]).toMatchObject({
      status: 'auto_disabled',
      statusReason: 'invalid_api_key: Incorrect API key',
      statusChangedAt: T0 + 5,
    });
  });

  it('deletes a channel with its keys; unknown ids are 404', async () => {
    const { channels } = channelStoreFor(store());
    const a = await channels.create({ name: uniqueName(), type: 'openai', keys: [OPENAI_KEY] });
    await channels.delete(a.id);
    expect(await channels.list()).toEqual([]);
    expect(await store().db.selectFrom('channel_keys').selectAll().execute()).toEqual([]);
    await expect(channels.delete(a.id)).rejects.toMatchObject({ status: 404 });
    await expect(channels.get('ch_nope')).rejects.toMatchObject({ status: 404 });
  });

  it('under another secret key: keys are skipped and reported, and the admin sees a warning', async () => {
    const { channels } = channelStoreFor(store());
    const a = await channels.create({ name: uniqueName(), type: 'openai', keys: [OPENAI_KEY] });
    const reported: Array<{ channelId: string; keyId?: string }> = [];
    const { channels: rekeyed } = channelStoreFor(store(), {
      box: new SecretBox(Buffer.alloc(32, 7)),
      onSecretError: (_error, where) => reported.push(where),
    });
    expect(await rekeyed.loadAll()).toEqual([]);
    expect(reported).toEqual([{ channelId: a.id, keyId: a.keys[0].id }]);
    const [view] = await rekeyed.list();
    expect(view.warnings[0]).toMatch(/cannot be decrypted/);
    await expect(rekeyed.loadChannel(a.id)).rejects.toMatchObject({ code: 'channel_secret_unreadable' });
  });
});
