import { describe, expect, it } from 'vitest';
import { getBuiltinCatalog } from '../catalog/catalog.js';
import { GatewayError } from '../ir/index.js';
import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';
import { builtinVendors } from '../vendors/vendor-registry.js';
import { catalogDirectory } from './catalog-directory.js';
import type { Channel } from './channel.js';
import { ModelRouter } from './model-router.js';

function channelOf(vendor: string): Channel {
  return {
    id: `env-${vendor}`,
    name: vendor,
    vendor,
    provider: builtinVendors.find(vendor)?.provider ?? 'openai',
    baseUrl: 'http://127.0.0.1:1',
    keys: [{ id: 'k1', key: 'k' }],
    modelMapping: {},
    priority: 0,
    weight: 1,
    timeouts: DEFAULT_TIMEOUTS,
    source: 'env',
  };
}

describe('catalogDirectory', () => {
  const catalog = getBuiltinCatalog();
  const directory = catalogDirectory(catalog);

  it("lists no chat models for a rerank-only vendor, though the catalog knows the vendor's chat models", () => {
    // The premise: the catalog files Cohere chat models (which AIHub cannot serve through a Cohere channel).
    expect(catalog.get('cohere', 'command-r')?.mode).toBe('chat');
    expect(directory.chatModelIds('cohere')).toEqual([]);
    expect(directory.chatModelIds('jina')).toEqual([]);
  });

  it('still lists the chat models of vendors that serve chat, and of channel types it does not know', () => {
    expect(directory.chatModelIds('openai')).toContain('gpt-4o-mini');
    expect(directory.chatModelIds('deepseek')).toContain('deepseek-chat');
    // An unknown type is served as the generic endpoint, which serves chat.
    expect(builtinVendors.serves('some-relay', 'chat')).toBe(true);
  });

  it('routes a Cohere chat model to no Cohere channel, while the channel keeps its rerank models', () => {
    const router = new ModelRouter([channelOf('cohere')], builtinVendors.modelGlobs, directory);
    const refusal = (() => {
      try {
        router.resolve('command-r');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(GatewayError);
    expect(refusal).toMatchObject({ code: 'model_not_found' });
    expect(router.listModels().map((model) => model.id)).not.toContain('command-r');
    expect(router.resolve('rerank-v3.5').map((candidate) => candidate.channel.vendor)).toEqual(['cohere']);
  });
});
