import { describe, expect, it } from 'vitest';
import type { PassThroughRequest, ProviderContext } from '../provider.js';
import { openaiProvider } from './index.js';
import { findCompatPreset } from './presets.js';
import { encodeResponsesPassThrough } from './responses-pass-through.js';

const context: ProviderContext = {
  target: {
    baseUrl: 'https://api.openai.com/v1/',
    apiKey: 'sk-channel',
    model: 'gpt-5-2025-08-07',
    headers: { 'X-Channel-Tag': 'blue' },
  },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
};

const body = {
  model: 'gpt-5',
  input: [{ role: 'user', content: 'news?' }],
  tools: [
    { type: 'web_search', search_context_size: 'low' },
    { type: 'custom', name: 'apply_patch' },
  ],
  reasoning: { effort: 'high', summary: 'auto' },
  include: ['reasoning.encrypted_content'],
  future_field: { nested: [1, 2] },
  stream: true,
};

function request(overrides: Partial<PassThroughRequest> = {}): PassThroughRequest {
  return {
    endpoint: 'responses',
    body,
    headers: {
      authorization: 'Bearer sk-aihub-client',
      'openai-beta': 'responses=v1',
      'openai-organization': 'org-client',
      'x-unrelated': 'no',
    },
    stream: true,
    ...overrides,
  };
}

describe('encodeResponsesPassThrough', () => {
  it('sends the client body as it came to {base}/responses, only the model replaced', () => {
    const encoded = encodeResponsesPassThrough(request(), context);
    expect(encoded.http.url).toBe('https://api.openai.com/v1/responses');
    expect(encoded.http.method).toBe('POST');
    expect(JSON.parse(encoded.http.body)).toEqual({ ...body, model: 'gpt-5-2025-08-07' });
    expect(encoded.droppedParams).toEqual([]);
  });

  it('sets max_output_tokens when billing capped the output', () => {
    const encoded = encodeResponsesPassThrough(request({ maxOutputTokens: 512 }), context);
    expect(JSON.parse(encoded.http.body)).toMatchObject({ max_output_tokens: 512, future_field: { nested: [1, 2] } });
  });

  it("authenticates with the channel's key, forwards openai-beta, never the client's key or account", () => {
    const { headers } = encodeResponsesPassThrough(request(), context).http;
    expect(headers).toEqual({
      'content-type': 'application/json',
      'openai-beta': 'responses=v1',
      'x-channel-tag': 'blue',
      authorization: 'Bearer sk-channel',
    });
  });

  it('a channel without a key sends no Authorization at all', () => {
    const keyless = { ...context, target: { ...context.target, apiKey: '' } };
    expect(encodeResponsesPassThrough(request(), keyless).http.headers.authorization).toBeUndefined();
  });
});

describe('openaiProvider.passesThrough', () => {
  it('OpenAI itself passes /responses through; a compatible vendor is translated', () => {
    expect(openaiProvider.passesThrough?.('responses', undefined)).toBe(true);
    // What an `openai` channel carries: OpenAI's own entry of the vendor registry.
    const openai = findCompatPreset('openai');
    expect(openai).toBeDefined();
    expect(openaiProvider.passesThrough?.('responses', { ...openai?.quirks, name: 'openai' })).toBe(true);
    expect(openaiProvider.passesThrough?.('responses', { name: 'deepseek' })).toBe(false);
    expect(openaiProvider.passesThrough?.('responses', { name: 'custom' })).toBe(false);
    expect(openaiProvider.passesThrough?.('messages', undefined)).toBe(false);
  });
});
