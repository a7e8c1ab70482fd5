import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelTestDeps } from '../../test/channels/channel-fixtures.js';
import { startConnectProxy } from '../../test/channels/connect-proxy.js';
import {
  closedUrl,
  DEFAULT_API_KEY,
  type Emulator,
  startAnthropicEmulator,
  startGeminiEmulator,
  startOpenAIEmulator,
  startRerankEmulator,
} from '../../test/emulators/index.js';
import { getBuiltinCatalog } from '../catalog/catalog.js';
import { catalogDirectory } from '../routing/catalog-directory.js';
import type { Channel } from '../routing/channel.js';
import type { ModelDirectory } from '../routing/model-directory.js';
import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';
import { builtinVendors } from '../vendors/vendor-registry.js';
import { type ChannelTestDeps, testChannel } from './channel-tester.js';
import { defaultTestModel } from './test-models.js';

let tick = 0;
// A clock that advances 25 ms per reading: latency is measured with the injected clock.
const deps: ChannelTestDeps = channelTestDeps(() => (tick += 25));

function channel(vendor: string, baseUrl: string, overrides: Partial<Channel> = {}): Channel {
  const preset = builtinVendors.find(vendor);
  return {
    id: `ch_${vendor}`,
    name: vendor,
    provider: preset?.provider ?? 'openai',
    vendor,
    baseUrl,
    keys: [{ id: 'k1', key: DEFAULT_API_KEY }],
    modelMapping: {},
    priority: 0,
    weight: 1,
    timeouts: DEFAULT_TIMEOUTS,
    source: 'admin',
    ...(preset?.compat ? { compat: preset.compat } : {}),
    ...overrides,
  };
}

describe('testChannel', () => {
  let openai: Emulator;
  let anthropic: Emulator;
  let gemini: Emulator;

  beforeAll(async () => {
    [openai, anthropic, gemini] = await Promise.all([
      startOpenAIEmulator(),
      startAnthropicEmulator(),
      startGeminiEmulator(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
  });

  it('sends a tiny non-stream request and reports ok with latency and the answer', async () => {
    openai.reset();
    const result = await testChannel(channel('openai', openai.url), { deps });
    expect(result).toMatchObject({ ok: true, status: 200, model: 'gpt-4o-mini', upstreamModel: 'gpt-4o-mini' });
    expect(result.latencyMs).toBe(25);
    expect(result.answer).toMatch(/^Hello from OpenAI emulator/); // truncated at 8 tokens
    expect(result.error).toBeUndefined();
    const [request] = openai.requests;
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 8 });
    expect(request.body.stream).toBeFalsy();
    expect(request.body.messages).toEqual([{ role: 'user', content: 'Say OK' }]);
  });

  it('applies the model mapping and the channel headers', async () => {
    openai.reset();
    const mapped = channel('openai', openai.url, {
      models: ['gpt-*', 'my-alias'],
      modelMapping: { 'my-alias': 'gpt-4o-2024-08-06' },
      headers: { 'X-Team': 'blue' },
    });
    const result = await testChannel(mapped, { deps });
    expect(result).toMatchObject({ ok: true, model: 'my-alias', upstreamModel: 'gpt-4o-2024-08-06' });
    expect(openai.requests[0].body.model).toBe('gpt-4o-2024-08-06');
    expect(openai.requests[0].headers['x-team']).toBe('blue');
  });

  it('reports a wrong key as an authentication error, never throws, never echoes the key', async () => {
    const wrongKey = 'sk-wrong-key-123456789';
    const bad = channel('openai', openai.url, { keys: [{ id: 'k-bad', key: wrongKey }] });
    const result = await testChannel(bad, { deps });
    expect(result).toMatchObject({ ok: false, status: 401, keyId: 'k-bad' });
    expect(result.error).toMatchObject({ kind: 'authentication', code: 'invalid_api_key' });
    expect(JSON.stringify(result)).not.toContain(wrongKey);
  });

  it('reports upstream errors and refused connections as results', async () => {
    openai.enqueue({
      fault: {
        type: 'http-error',
        status: 429,
        message: 'You exceeded your current quota',
        errorType: 'insufficient_quota',
      },
    });
    const quota = await testChannel(channel('openai', openai.url), { deps });
    expect(quota).toMatchObject({ ok: false, status: 429 });
    expect(quota.error?.message).toContain('quota');

    const refused = await testChannel(channel('openai', await closedUrl('/v1')), { deps });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'upstream_error', code: 'upstream_connection_error' } });
    expect(refused.status).toBeUndefined();
  });

  it('gives up after timeoutMs and says so', async () => {
    openai.enqueue({ fault: { type: 'hang-before-headers', ms: 2000 } });
    const result = await testChannel(channel('openai', openai.url), { deps, timeoutMs: 100 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'upstream_timeout', code: 'test_timeout' } });
  });

  it('speaks Anthropic and Gemini through their providers', async () => {
    const claude = await testChannel(channel('anthropic', anthropic.url), { deps });
    expect(claude).toMatchObject({ ok: true, model: 'claude-haiku-4-5' });
    expect(anthropic.requests.at(-1)?.body.max_tokens).toBe(8);
    const flash = await testChannel(channel('gemini', gemini.url), { deps, model: 'gemini-2.5-flash' });
    expect(flash).toMatchObject({ ok: true, model: 'gemini-2.5-flash' });
  });

  it("goes through the channel's HTTP proxy, as the relay does", async () => {
    const proxy = await startConnectProxy();
    try {
      openai.reset();
      const proxied = channel('openai', openai.url, { proxyUrl: proxy.url });
      expect(await testChannel(proxied, { deps })).toMatchObject({ ok: true, status: 200 });
      expect(proxy.tunnels).toEqual([new URL(openai.url).host]);
      expect(openai.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('reads the model directory at each test, so a catalog change is seen at once', async () => {
    const live: ChannelTestDeps = { ...deps, directory: directoryOf(['llama3.2']) };
    const ollama = channel('ollama', openai.url);
    expect(await testChannel(ollama, { deps: live })).toMatchObject({ ok: true, model: 'llama3.2' });
    live.directory = directoryOf(['qwen3:8b']);
    expect(await testChannel(ollama, { deps: live })).toMatchObject({ ok: true, model: 'qwen3:8b' });
    expect(openai.requests.at(-1)?.body.model).toBe('qwen3:8b');
  });

  it('reports the status of an upstream that refused the test', async () => {
    openai.enqueue({ fault: { type: 'http-error', status: 503, message: 'overloaded' } });
    const result = await testChannel(channel('openai', openai.url), { deps });
    expect(result).toMatchObject({ ok: false, status: 503 });
  });

  it('uses the given key id, and reports a channel without keys or models', async () => {
    openai.reset();
    const pool = channel('openai', openai.url, {
      keys: [
        { id: 'k-a', key: 'sk-not-this-one-000000' },
        { id: 'k-b', key: DEFAULT_API_KEY },
      ],
    });
    expect(await testChannel(pool, { deps, keyId: 'k-b' })).toMatchObject({ ok: true, keyId: 'k-b' });
    const empty = await testChannel(channel('openai', openai.url, { keys: [] }), { deps });
    expect(empty).toMatchObject({ ok: false, error: { code: 'no_enabled_key' } });
    const noModel = channel('ollama', openai.url, { models: ['llama*'] });
    expect(await testChannel(noModel, { deps })).toMatchObject({ ok: false, error: { code: 'model_required' } });
  });
});

describe('testChannel of a rerank-only vendor', () => {
  let cohere: Emulator;
  let jina: Emulator;
  let dashscope: Emulator;
  const live: ChannelTestDeps = { ...deps, directory: catalogDirectory(getBuiltinCatalog()) };

  beforeAll(async () => {
    [cohere, jina, dashscope] = await Promise.all([
      startRerankEmulator('cohere', { apiKey: DEFAULT_API_KEY }),
      startRerankEmulator('jina', { apiKey: DEFAULT_API_KEY }),
      startRerankEmulator('dashscope', { apiKey: DEFAULT_API_KEY }),
    ]);
  });

  afterAll(() => Promise.all([cohere.close(), jina.close(), dashscope.close()]));

  it('sends Cohere a tiny rerank with its cheap rerank model, not a chat request', async () => {
    const result = await testChannel(channel('cohere', cohere.url), { deps: live });
    expect(result).toMatchObject({ ok: true, status: 200, model: 'rerank-v3.5', upstreamModel: 'rerank-v3.5' });
    expect(result.answer).toMatch(/^Reranked: best document #\d/);
    expect(cohere.requests).toHaveLength(1);
    expect(cohere.requests[0]).toMatchObject({ path: '/v2/rerank' });
    expect(cohere.requests[0].body).toMatchObject({ model: 'rerank-v3.5', documents: ['OK', 'no'], top_n: 1 });
  });

  it('sends Jina a tiny rerank too, and reports its refusal as a result', async () => {
    const result = await testChannel(channel('jina', jina.url), { deps: live });
    expect(result).toMatchObject({ ok: true, status: 200, model: 'jina-reranker-v2-base-multilingual' });
    expect(jina.requests.at(-1)).toMatchObject({ path: '/v1/rerank' });

    const wrongKey = 'jina_wrong_key_0123456789';
    const refused = await testChannel(channel('jina', jina.url, { keys: [{ id: 'k-bad', key: wrongKey }] }), {
      deps: live,
    });
    expect(refused).toMatchObject({ ok: false, status: 401, error: { kind: 'authentication' } });
    expect(JSON.stringify(refused)).not.toContain(wrongKey);
  });

  it('reranks on a chat vendor when the model tested is a rerank model', async () => {
    const qwen = channel('dashscope', `${dashscope.url}`, { models: ['gte-rerank-v2'] });
    const result = await testChannel(qwen, { deps: live });
    expect(result).toMatchObject({ ok: true, status: 200, model: 'gte-rerank-v2' });
    expect(dashscope.requests.at(-1)?.path).toBe('/api/v1/services/rerank/text-rerank/text-rerank');
  });
});

function directoryOf(chatModelIds: string[]): ModelDirectory {
  return { chatModelIds: () => chatModelIds, maxOutputTokens: () => undefined, contextWindow: () => undefined };
}

describe('defaultTestModel', () => {
  it("prefers the channel's first exact model, then a mapped name, then the vendor default", () => {
    expect(defaultTestModel(channel('openai', 'x', { models: ['gpt-*', 'gpt-4.1'] }))).toBe('gpt-4.1');
    expect(defaultTestModel(channel('openai', 'x', { models: ['gpt-*'], modelMapping: { a: 'b' } }))).toBe('a');
    expect(defaultTestModel(channel('gemini', 'x'))).toBe('gemini-2.5-flash-lite');
    expect(defaultTestModel(channel('ollama', 'x'))).toBeUndefined();
    const directory = {
      chatModelIds: () => ['llama3.2'],
      maxOutputTokens: () => undefined,
      contextWindow: () => undefined,
    };
    expect(defaultTestModel(channel('ollama', 'x'), directory)).toBe('llama3.2');
  });
});
