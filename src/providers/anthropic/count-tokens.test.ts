import { describe, expect, it } from 'vitest';
import type { ProviderContext } from '../provider.js';
import { anthropicTokenCount, encodeAnthropicCountTokens } from './count-tokens.js';

function context(baseUrl: string, headers?: Record<string, string>): ProviderContext {
  return {
    target: { baseUrl, apiKey: 'sk-ant-channel', model: 'claude-sonnet-4-5-20250929', headers },
    generateId: (prefix) => `${prefix}1`,
    now: () => 0,
  };
}

const body = {
  model: 'claude-sonnet-4-5',
  system: 'Be brief.',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }] }],
  tools: [{ type: 'web_search_20250305', name: 'web_search' }],
  future_field: { kept: true },
};

describe('encodeAnthropicCountTokens', () => {
  it('posts the client’s body to count_tokens with only the model swapped', () => {
    const { http, droppedParams } = encodeAnthropicCountTokens(
      { body, headers: {} },
      context('https://api.anthropic.com'),
    );
    expect(http.method).toBe('POST');
    expect(http.url).toBe('https://api.anthropic.com/v1/messages/count_tokens');
    expect(JSON.parse(http.body)).toEqual({ ...body, model: 'claude-sonnet-4-5-20250929' });
    expect(droppedParams).toEqual([]);
  });

  it.each([
    ['https://relay.example/', 'https://relay.example/v1/messages/count_tokens'],
    ['https://relay.example/v1', 'https://relay.example/v1/messages/count_tokens'],
    ['https://relay.example/anthropic/', 'https://relay.example/anthropic/v1/messages/count_tokens'],
  ])('builds the URL from the base %s', (base, url) => {
    expect(encodeAnthropicCountTokens({ body, headers: {} }, context(base)).http.url).toBe(url);
  });

  it('forwards anthropic-version and anthropic-beta, adds the channel’s headers and key, and drops the client’s key', () => {
    const { http } = encodeAnthropicCountTokens(
      {
        body,
        headers: {
          'anthropic-version': '2023-06-01',
          'anthropic-beta': ['token-counting-2024-11-01', 'context-1m-2025-08-07'],
          'x-api-key': 'sk-aihub-client',
          authorization: 'Bearer sk-aihub-client',
        },
      },
      context('https://api.anthropic.com', { 'x-team': 'a' }),
    );
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'token-counting-2024-11-01,context-1m-2025-08-07',
      'x-team': 'a',
      'x-api-key': 'sk-ant-channel',
    });
  });

  it('sends Anthropic’s default version when the client sent none', () => {
    const { http } = encodeAnthropicCountTokens({ body, headers: {} }, context('https://api.anthropic.com'));
    expect(http.headers['anthropic-version']).toBe('2023-06-01');
    expect(http.headers['anthropic-beta']).toBeUndefined();
  });
});

describe('anthropicTokenCount', () => {
  it('reads input_tokens from a count answer', () => {
    expect(anthropicTokenCount({ input_tokens: 2095 })).toBe(2095);
    expect(anthropicTokenCount({ input_tokens: 0 })).toBe(0);
  });

  it.each([[null], ['<html>'], [{}], [{ input_tokens: '12' }], [{ input_tokens: -1 }], [{ input_tokens: 1.5 }]])(
    'refuses %j, which is not a count',
    (answer) => {
      expect(anthropicTokenCount(answer)).toBeUndefined();
    },
  );
});
