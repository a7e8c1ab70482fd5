import { beforeEach, expect, it, vi } from 'vitest';
import { channelStoreFor, clearChannels, T0 } from '../../test/channels/channel-fixtures.js';
import { describeEachDialect } from '../../test/db-harness.js';
import type { Channel } from '../routing/channel.js';
import { channelsFromEnv } from '../routing/channels-from-env.js';
import { ChannelRegistry } from './channel-registry.js';

const ENV = { OPENAI_API_KEY: 'sk-env-first-000000000000,sk-env-second-11111111111' };

describeEachDialect('ChannelRegistry', (store) => {
  beforeEach(async () => {
    await clearChannels(store());
  });

  function setup() {
    const { channels, clock } = channelStoreFor(store());
    const errors: unknown[] = [];
    const registry = new ChannelRegistry({
      store: channels,
      staticChannels: channelsFromEnv(ENV),
      now: clock.now,
      onError: (error) => errors.push(error),
    });
    const seen: Channel[][] = [];
    registry.onChange((list) => seen.push(list));
    return { channels, clock, registry, seen, errors };
  }

  const names = (list: Channel[]) => list.map((channel) => channel.name);

  it('starts with env/config channels and adds admin channels on reload, telling listeners', async () => {
    const { channels, registry, seen } = setup();
    expect(names(registry.channels)).toEqual(['openai']);
    await registry.reload();
    expect(seen).toHaveLength(1);
    await channels.create({ name: 'team-a', type: 'anthropic', keys: ['sk-ant-api03-aaaaaaaaaaaaaaaa'] });
    const list = await registry.changed();
    expect(names(list)).toEqual(['openai', 'team-a']);
    expect(names(seen.at(-1) ?? [])).toEqual(['openai', 'team-a']);
    expect(registry.channels).toBe(list);
    expect(registry.channels[1].keys[0].key).toBe('sk-ant-api03-aaaaaaaaaaaaaaaa');
  });

  it('calls local-change hooks after changed() but not for a remote change', async () => {
    const { registry } = setup();
    const hook = vi.fn();
    registry.onLocalChange(hook);
    await registry.notifyRemoteChange();
    await Promise.resolve();
    expect(hook).not.toHaveBeenCalled();
    await registry.changed();
    await vi.waitFor(() => expect(hook).toHaveBeenCalledTimes(1));
  });

  it('coalesces concurrent reloads; every caller sees a set read after its call', async () => {
    const { channels, registry } = setup();
    const realLoad = channels.loadLive.bind(channels);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const load = vi
      .spyOn(channels, 'loadLive')
      .mockImplementationOnce(async () => {
        const stale = await realLoad();
        await gate;
        return stale;
      })
      .mockImplementation(realLoad);
    const first = registry.reload();
    await channels.create({ name: 'late', type: 'openai', keys: ['sk-late-000000000000000'] });
    const second = registry.reload();
    const third = registry.reload();
    expect(third).toBe(second);
    release();
    await first;
    expect(names(await second)).toEqual(['openai', 'late']);
    expect(load).toHaveBeenCalledTimes(2);
    expect(names(registry.channels)).toEqual(['openai', 'late']);
  });

  it('auto-disables an admin key at once, persists it with the reason, and broadcasts', async () => {
    const { channels, registry, clock } = setup();
    const view = await channels.create({
      name: 'pool',
      type: 'openai',
      keys: ['sk-good-0000000000000000', 'sk-dead-1111111111111111'],
    });
    await registry.reload();
    const hook = vi.fn();
    registry.onLocalChange(hook);
    clock.set(T0 + 42);
    const pending = registry.autoDisableKey(view.id, view.keys[1].id, 'invalid_api_key: Incorrect API key provided');
    // Out of the live set before the database write completes.
    expect(registry.channels.find((c) => c.id === view.id)?.keys.map((k) => k.key)).toEqual([
      'sk-good-0000000000000000',
    ]);
    expect(await pending).toBe(true);
    expect(await registry.autoDisableKey(view.id, view.keys[1].id, 'again')).toBe(false);
    const stored = await channels.get(view.id);
    expect(stored.keys[1]).toMatchObject({
      status: 'auto_disabled',
      statusReason: 'invalid_api_key: Incorrect API key provided',
      statusChangedAt: T0 + 42,
    });
    expect(registry.channels.find((c) => c.id === view.id)?.keys).toHaveLength(1);
    await vi.waitFor(() => expect(hook).toHaveBeenCalled());
  });

  it('auto-disables an admin channel; statusOf and the admin list show why; enable brings it back', async () => {
    const { channels, registry } = setup();
    const view = await channels.create({ name: 'suspended', type: 'openai', keys: ['sk-x-000000000000000000'] });
    await registry.reload();
    expect(await registry.autoDisableChannel(view.id, 'account suspended')).toBe(true);
    expect(names(registry.channels)).toEqual(['openai']);
    expect(registry.statusOf(view.id)).toEqual({ status: 'auto_disabled', reason: 'account suspended', changedAt: T0 });
    const listed = (await registry.list()).find((c) => c.id === view.id);
    expect(listed).toMatchObject({ status: 'auto_disabled', statusReason: 'account suspended' });
    // Another replica (a fresh registry over the same database) sees it too.
    const other = new ChannelRegistry({ store: channels, staticChannels: [], now: () => T0 });
    expect(names(await other.reload())).toEqual([]);

    await registry.setStatus(view.id, 'enabled');
    expect(names(registry.channels)).toEqual(['openai', 'suspended']);
    expect(registry.statusOf(view.id)?.status).toBe('enabled');
  });

  it('keeps env channel statuses in memory (not in the database)', async () => {
    const { registry, clock } = setup();
    await registry.reload();
    clock.set(T0 + 7);
    expect(await registry.autoDisableKey('env-openai', 'env-openai-0', 'invalid key')).toBe(true);
    expect(await registry.autoDisableKey('env-openai', 'env-openai-0', 'again')).toBe(false);
    expect(await registry.autoDisableKey('env-openai', 'env-openai-9', 'unknown')).toBe(false);
    expect(registry.channels[0].keys.map((key) => key.id)).toEqual(['env-openai-1']);
    const [view] = await registry.list();
    expect(view).toMatchObject({ id: 'env-openai', source: 'env', readOnly: true, status: 'enabled' });
    expect(view.keys[0]).toMatchObject({
      status: 'auto_disabled',
      statusReason: 'invalid key',
      statusChangedAt: T0 + 7,
    });
    expect(JSON.stringify(view)).not.toContain('sk-env-first-000000000000');
    expect(await store().db.selectFrom('channels').selectAll().execute()).toEqual([]);

    expect(await registry.autoDisableChannel('env-openai', 'no credit')).toBe(true);
    expect(registry.channels).toEqual([]);
    expect(registry.statusOf('env-openai')).toMatchObject({ status: 'auto_disabled', reason: 'no credit' });
    // A reload (another replica's change) does not resurrect it.
    await registry.notifyRemoteChange();
    expect(registry.channels).toEqual([]);
    await registry.setStatus('env-openai', 'enabled');
    await registry.setKeyStatus('env-openai', 'env-openai-0', 'enabled');
    expect(registry.channels[0].keys).toHaveLength(2);
  });

  it('keeps the last good set and reports when a listener throws', async () => {
    const { registry, errors } = setup();
    registry.onChange(() => {
      throw new Error('listener bug');
    });
    await registry.reload();
    expect(names(registry.channels)).toEqual(['openai']);
    expect(errors).toHaveLength(1);
  });
});
