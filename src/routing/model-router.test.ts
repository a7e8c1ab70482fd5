import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';
import type { Channel } from './channel.js';
import type { ModelDirectory } from './model-directory.js';
import { ModelRouter } from './model-router.js';

function channel(overrides: Partial<Channel> & Pick<Channel, 'name' | 'vendor' | 'provider'>): Channel {
  return {
    id: overrides.name,
    baseUrl: 'http://x',
    keys: [{ id: 'k1', key: 'k' }],
    weight: 1,
    source: 'env',
    modelMapping: {},
    priority: 0,
    timeouts: DEFAULT_TIMEOUTS,
    ...overrides,
  };
}

const directory: ModelDirectory = {
  chatModelIds: (vendor) =>
    ({
      openai: ['gpt-4.1-mini', 'gpt-4o'],
      anthropic: ['claude-sonnet-4-5'],
      openrouter: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4o'],
    })[vendor] ?? [],
  maxOutputTokens: () => undefined,
  contextWindow: () => undefined,
};
const prefixes = (vendor: string) =>
  ({ openai: ['gpt-*', 'o3*'], anthropic: ['claude-*'], gemini: ['gemini-*'] })[vendor] ?? [];

const openai = channel({ name: 'openai', vendor: 'openai', provider: 'openai' });
const anthropic = channel({ name: 'anthropic', vendor: 'anthropic', provider: 'anthropic' });
const gemini = channel({ name: 'gemini', vendor: 'gemini', provider: 'gemini' });
const openrouter = channel({ name: 'openrouter', vendor: 'openrouter', provider: 'openai' });

describe('ModelRouter', () => {
  const router = new ModelRouter([openai, anthropic, gemini, openrouter], prefixes, directory);

  it('routes catalog ids to their vendor by name alone', () => {
    expect(router.resolve('gpt-4.1-mini').map((c) => c.channel.name)).toEqual(['openai']);
    expect(router.resolve('claude-sonnet-4-5').map((c) => c.channel.name)).toEqual(['anthropic']);
  });

  it('routes ids the catalog does not know yet by vendor prefix', () => {
    expect(router.resolve('gemini-2.5-flash-lite')[0]?.channel.name).toBe('gemini');
    expect(router.resolve('gpt-6-preview')[0]?.channel.name).toBe('openai');
  });

  it('prefers an exact id (OpenRouter namespaced ids) over provider forcing', () => {
    expect(router.resolve('anthropic/claude-sonnet-4.5')).toEqual([
      { channel: openrouter, upstreamModel: 'anthropic/claude-sonnet-4.5' },
    ]);
  });

  it('lets provider/model force a provider', () => {
    expect(router.resolve('anthropic/claude-3-haiku-20240307')).toEqual([
      { channel: anthropic, upstreamModel: 'claude-3-haiku-20240307' },
    ]);
    expect(router.resolve('openai/ft:gpt-4o:acme')).toEqual([{ channel: openai, upstreamModel: 'ft:gpt-4o:acme' }]);
  });

  it('answers 404 model_not_found for an unknown model', () => {
    try {
      router.resolve('no-such-model');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).status).toBe(404);
      expect((error as GatewayError).code).toBe('model_not_found');
    }
  });

  it('orders channels by priority and applies model mappings', () => {
    const backup = channel({ name: 'backup', vendor: 'openai', provider: 'openai', priority: -1, models: ['gpt-4o'] });
    const primary = channel({
      name: 'primary',
      vendor: 'openai',
      provider: 'openai',
      priority: 10,
      models: ['gpt-4*'],
      modelMapping: { 'gpt-4o': 'gpt-4o-2024-08-06' },
    });
    const routed = new ModelRouter([backup, primary], prefixes, directory).resolve('gpt-4o');
    expect(routed).toEqual([
      { channel: primary, upstreamModel: 'gpt-4o-2024-08-06' },
      { channel: backup, upstreamModel: 'gpt-4o' },
    ]);
  });

  it('lists every routable id once with its owner', () => {
    const ids = router.listModels().map((model) => `${model.ownedBy}:${model.id}`);
    expect(ids).toEqual([
      'openai:gpt-4.1-mini',
      'openai:gpt-4o',
      'anthropic:claude-sonnet-4-5',
      'openrouter:anthropic/claude-sonnet-4.5',
      'openrouter:openai/gpt-4o',
    ]);
  });

  it('adds the channels whose globs match to those listing the id exactly', () => {
    const official = channel({ name: 'official', vendor: 'openai', provider: 'openai', models: ['gpt-4o'] });
    const relay = channel({ name: 'relay', vendor: 'custom', provider: 'openai', models: ['gpt-*'], priority: 5 });
    const routed = new ModelRouter([official, relay], prefixes, directory).resolve('gpt-4o');
    expect(routed.map((c) => c.channel.name)).toEqual(['relay', 'official']);
  });

  describe('groups', () => {
    const vip = channel({ name: 'vip', vendor: 'openai', provider: 'openai', models: ['gpt-4o'], groups: ['vip'] });
    const everyone = channel({ name: 'everyone', vendor: 'openai', provider: 'openai', models: ['gpt-4o', 'gpt-4.1'] });
    const vipOnly = channel({
      name: 'vip-only',
      vendor: 'openai',
      provider: 'openai',
      models: ['o3-pro'],
      groups: ['vip'],
    });
    const grouped = new ModelRouter([vip, everyone, vipOnly], () => [], directory);

    it('keeps only the channels open to the caller’s group', () => {
      expect(grouped.resolve('gpt-4o', 'default').map((c) => c.channel.name)).toEqual(['everyone']);
      expect(grouped.resolve('gpt-4o', 'vip').map((c) => c.channel.name)).toEqual(['vip', 'everyone']);
      expect(grouped.resolve('gpt-4o').map((c) => c.channel.name)).toEqual(['vip', 'everyone']);
    });

    it('answers 503 no_available_channel for a known model no channel of the group serves', () => {
      try {
        grouped.resolve('o3-pro', 'default');
        expect.unreachable();
      } catch (error) {
        expect((error as GatewayError).status).toBe(503);
        expect((error as GatewayError).kind).toBe('no_channel');
        expect((error as GatewayError).code).toBe('no_available_channel');
      }
      expect(() => grouped.resolve('no-such-model', 'default')).toThrow(/does not exist/);
    });

    it('treats a channel with no key left (all disabled) as unavailable', () => {
      const keyless = channel({ name: 'keyless', vendor: 'openai', provider: 'openai', models: ['gpt-4o'], keys: [] });
      expect(() => new ModelRouter([keyless], () => [], directory).resolve('gpt-4o')).toThrow(/No upstream channel/);
    });
  });
});
