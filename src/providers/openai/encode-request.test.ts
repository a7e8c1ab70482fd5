import { describe, expect, it } from 'vitest';
import type { ChatRequest, Message } from '../../ir/index.js';
import type { CompatQuirks, ProviderContext } from '../provider.js';
import { encodeOpenAIRequest } from './encode-request.js';
import { findCompatPreset } from './presets.js';

function context(compat?: string | CompatQuirks, target: Partial<ProviderContext['target']> = {}): ProviderContext {
  const quirks = typeof compat === 'string' ? findCompatPreset(compat)?.quirks : compat;
  return {
    target: { baseUrl: 'https://api.example.test/v1/', apiKey: 'sk-test', model: 'upstream-model', ...target },
    generateId: (prefix) => `${prefix}1`,
    now: () => 0,
    compat: quirks,
  };
}
const hello: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }];
const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'client-model',
  messages: hello,
  stream: false,
  includeUsage: false,
  ...extra,
});
const encode = (extra: Partial<ChatRequest> = {}, compat?: string | CompatQuirks) => {
  const encoded = encodeOpenAIRequest(request(extra), context(compat));
  return { ...encoded, body: JSON.parse(encoded.http.body) as Record<string, unknown> };
};

describe('encodeOpenAIRequest', () => {
  it('POSTs {baseUrl}/chat/completions with bearer auth, JSON and the channel headers; upstream model name', () => {
    const encoded = encodeOpenAIRequest(request(), context(undefined, { headers: { 'X-Org': 'acme' } }));
    expect(encoded.http).toMatchObject({
      method: 'POST',
      url: 'https://api.example.test/v1/chat/completions',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test', 'x-org': 'acme' },
    });
    expect(JSON.parse(encoded.http.body)).toEqual({
      model: 'upstream-model',
      messages: [{ role: 'user', content: 'hello' }],
    });
  });

  it('omits authorization when the key is empty (Ollama)', () => {
    const encoded = encodeOpenAIRequest(
      request(),
      context('ollama', { apiKey: '', baseUrl: 'http://127.0.0.1:11434/v1' }),
    );
    expect(encoded.http.headers.authorization).toBeUndefined();
    expect(encoded.http.url).toBe('http://127.0.0.1:11434/v1/chat/completions');
  });

  it('maps tools, tool_choice, parallel calls and response formats', () => {
    const { body } = encode({
      tools: [{ name: 'weather', description: '', parameters: { type: 'object' }, strict: true }],
      toolChoice: { type: 'tool', name: 'weather' },
      parallelToolCalls: false,
      responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true, description: 'd' },
    });
    expect(body).toMatchObject({
      tools: [
        {
          type: 'function',
          function: { name: 'weather', description: '', parameters: { type: 'object' }, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'weather' } },
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'r', description: 'd', schema: { type: 'object' }, strict: true },
      },
    });
    expect(encode({ toolChoice: { type: 'required' } }).body.tool_choice).toBe('required');
    expect(encode({ toolChoice: { type: 'required' } }, 'mistral').body.tool_choice).toBe('any');
    expect(encode({ responseFormat: { type: 'json_object' } }).body.response_format).toEqual({ type: 'json_object' });
  });

  it('sampling parameters under their OpenAI names', () => {
    const { body, droppedParams } = encode({
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 100,
      stop: ['END'],
      seed: 7,
      n: 2,
      user: 'u1',
      frequencyPenalty: 0.1,
      presencePenalty: 0.3,
      logprobs: true,
      topLogprobs: 3,
      logitBias: { '50256': -100 },
      metadata: { team: 'a' },
    });
    expect(body).toMatchObject({
      temperature: 0.2,
      top_p: 0.9,
      max_completion_tokens: 100,
      stop: ['END'],
      seed: 7,
      n: 2,
      user: 'u1',
      frequency_penalty: 0.1,
      presence_penalty: 0.3,
      logprobs: true,
      top_logprobs: 3,
      logit_bias: { '50256': -100 },
      metadata: { team: 'a' },
    });
    expect(droppedParams).toEqual([]);
  });

  it('vendor quirks: max_tokens, random_seed, unsupported parameters dropped and reported', () => {
    const mistral = encode({ maxOutputTokens: 50, seed: 3, logprobs: true, user: 'u', topK: 5 }, 'mistral');
    expect(mistral.body).toMatchObject({ max_tokens: 50, random_seed: 3 });
    expect(mistral.body).not.toHaveProperty('logprobs');
    expect(mistral.droppedParams.sort()).toEqual(['logprobs', 'top_k', 'user']);
    const openai = encode({ topK: 40 });
    expect(openai.body).not.toHaveProperty('top_k');
    expect(openai.droppedParams).toEqual(['top_k']);
    expect(encode({ topK: 40 }, 'dashscope').body.top_k).toBe(40);
  });

  it('sends prompt_cache_key to OpenAI itself only, not to compatible presets', () => {
    expect(encode({ promptCacheKey: 'conv-42' }).body.prompt_cache_key).toBe('conv-42');
    expect(encode({ promptCacheKey: 'conv-42' }, 'openai').body.prompt_cache_key).toBe('conv-42');
    expect(encode({ promptCacheKey: 'conv-42' }, 'deepseek').body).not.toHaveProperty('prompt_cache_key');
    expect(encode({}).body).not.toHaveProperty('prompt_cache_key');
  });

  it('streaming always asks for usage when the vendor takes stream_options', () => {
    expect(encode({ stream: true, includeUsage: false }).body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(encode({ stream: true }, 'mistral').body).not.toHaveProperty('stream_options');
    expect(encode({ stream: false }).body).not.toHaveProperty('stream');
  });

  it('reasoning is expressed in the vendor style', () => {
    expect(encode({ reasoning: { effort: 'low' } }).body.reasoning_effort).toBe('low');
    expect(encode({ reasoning: { effort: 'high' } }, 'zhipu').body.thinking).toEqual({ type: 'enabled' });
  });

  it('extraBody goes in verbatim and wins over computed fields, but never over model, messages or stream', () => {
    const { body } = encode(
      {
        stream: true,
        reasoning: { effort: 'high' },
        extraBody: {
          thinking: { type: 'enabled', clear_thinking: false },
          model: 'other',
          messages: [],
          stream: false,
          stream_options: { chunk_usage: true, include_usage: false },
          top_k: 20,
        },
      },
      'zhipu',
    );
    expect(body).toMatchObject({
      model: 'upstream-model',
      stream: true,
      thinking: { type: 'enabled', clear_thinking: false },
      stream_options: { chunk_usage: true, include_usage: true },
      top_k: 20,
    });
    expect(body.messages).toEqual([{ role: 'user', content: 'hello' }]);
  });

  it('unsupported parameters are also removed from extraBody', () => {
    const { body, droppedParams } = encode({ extraBody: { logit_bias: { 1: 1 }, reasoning_format: 'parsed' } }, 'groq');
    expect(body).toMatchObject({ reasoning_format: 'parsed' });
    expect(body).not.toHaveProperty('logit_bias');
    expect(droppedParams).toEqual(['logit_bias']);
  });

  it('quirks set on the compat object override the preset of the same name', () => {
    const { body } = encode(
      { stream: true, maxOutputTokens: 9 },
      { name: 'mistral', supportsStreamOptions: true, useMaxTokens: false },
    );
    expect(body).toMatchObject({ stream_options: { include_usage: true }, max_completion_tokens: 9 });
  });
});

describe('encodeOpenAIRequest: features of other vendors', () => {
  const ctx = {
    target: { baseUrl: 'https://api.openai.com/v1', apiKey: 'k', model: 'gpt-4o' },
    generateId: (prefix: string) => `${prefix}1`,
    now: () => 0,
  };
  const base = {
    model: 'gpt-4o',
    messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }],
    stream: false,
    includeUsage: false,
  };

  it('refuses an Anthropic server tool and an MCP server with a 400 naming them', () => {
    expect(() =>
      encodeOpenAIRequest(
        { ...base, serverTools: [{ origin: 'anthropic', type: 'web_search_20250305', definition: {} }] },
        ctx,
      ),
    ).toThrow('web_search_20250305');
    expect(() => encodeOpenAIRequest({ ...base, extraBody: { mcp_servers: [] } }, ctx)).toThrow('mcp_servers');
  });

  it('drops an Anthropic client’s harmless hints instead of forwarding them', () => {
    const encoded = encodeOpenAIRequest(
      { ...base, extraBody: { context_management: {}, inference_geo: 'us', service_tier: 'flex' } },
      ctx,
    );
    const body = JSON.parse(encoded.http.body);
    expect(body.context_management).toBeUndefined();
    expect(body.inference_geo).toBeUndefined();
    expect(body.service_tier).toBe('flex');
    expect(encoded.droppedParams).toEqual(expect.arrayContaining(['context_management', 'inference_geo']));
  });
});
