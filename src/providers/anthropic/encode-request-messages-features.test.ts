import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { encodeAnthropicRequest } from './encode-request.js';

/** What a Messages client sends that only Anthropic understands, through the IR to Anthropic. */
const context: ProviderContext = {
  target: {
    baseUrl: 'https://api.anthropic.com',
    apiKey: 'k',
    model: 'claude-sonnet-4-5',
    headers: { 'anthropic-beta': 'x' },
  },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
};

function encode(overrides: Partial<ChatRequest>, model = 'claude-sonnet-4-5') {
  const request: ChatRequest = {
    model: 'alias',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    stream: false,
    includeUsage: false,
    ...overrides,
  };
  const encoded = encodeAnthropicRequest(request, { ...context, target: { ...context.target, model } });
  return { ...encoded, body: JSON.parse(encoded.http.body) as Record<string, unknown> };
}

describe('encodeAnthropicRequest: Messages-client features', () => {
  it('sends Anthropic server tools verbatim after the custom tools', () => {
    const { body } = encode({
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      serverTools: [
        {
          origin: 'anthropic',
          type: 'web_search_20250305',
          definition: { type: 'web_search_20250305', name: 'web_search', max_uses: 2 },
        },
      ],
    });
    expect(body.tools).toEqual([
      { name: 'f', input_schema: { type: 'object' } },
      { type: 'web_search_20250305', name: 'web_search', max_uses: 2 },
    ]);
    expect(
      encode({
        serverTools: [
          { origin: 'anthropic', type: 'bash_20250124', definition: { type: 'bash_20250124', name: 'bash' } },
        ],
      }).body.tools,
    ).toEqual([{ type: 'bash_20250124', name: 'bash' }]);
  });

  it('refuses another vendor’s server tool', () => {
    expect(() => encode({ serverTools: [{ origin: 'gemini', type: 'googleSearch', definition: {} }] })).toThrow(
      'googleSearch',
    );
  });

  it('sends is_error, 1-hour cache breakpoints and document citations', () => {
    const { body } = encode({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'S', cacheControl: { type: 'ephemeral', ttl: '1h' } }] },
        {
          role: 'user',
          content: [
            {
              type: 'file',
              source: { kind: 'url', url: 'https://x.test/a.pdf' },
              mediaType: 'application/pdf',
              citations: true,
            },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: 't1', isError: true, content: [{ type: 'text', text: 'failed' }] },
      ],
    });
    expect(body.system).toEqual([{ type: 'text', text: 'S', cache_control: { type: 'ephemeral', ttl: '1h' } }]);
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'document', source: { type: 'url', url: 'https://x.test/a.pdf' }, citations: { enabled: true } },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'failed', is_error: true }] },
    ]);
  });

  it('sends adaptive thinking to adaptive models and a budget to older ones', () => {
    expect(encode({ reasoning: { adaptive: true } }, 'claude-opus-4-6').body.thinking).toEqual({
      type: 'adaptive',
      display: 'summarized',
    });
    expect(encode({ reasoning: { adaptive: true, effort: 'high' } }, 'claude-opus-4-6').body).toMatchObject({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
    });
    expect(
      encode({ reasoning: { adaptive: true }, maxOutputTokens: 20000 }, 'claude-sonnet-4-5').body.thinking,
    ).toEqual({
      type: 'enabled',
      budget_tokens: 8192,
    });
    expect(encode({ reasoning: { adaptive: true, disabled: true } }, 'claude-opus-4-6').body.thinking).toBeUndefined();
  });

  it('sends Anthropic-only extra fields verbatim and the client’s beta flags beside the channel’s', () => {
    const { body, http, droppedParams } = encode({
      extraBody: {
        container: 'cont_1',
        mcp_servers: [{ type: 'url', url: 'https://m.test', name: 'm' }],
        context_management: { edits: [] },
        service_tier: 'standard_only',
        enable_thinking: true,
      },
      anthropicBeta: ['mcp-client-2025-04-04', 'x'],
    });
    expect(body).toMatchObject({
      container: 'cont_1',
      mcp_servers: [{ type: 'url', url: 'https://m.test', name: 'm' }],
      context_management: { edits: [] },
      service_tier: 'standard_only',
    });
    expect(body.enable_thinking).toBeUndefined();
    expect(droppedParams).toContain('enable_thinking');
    expect(http.headers['anthropic-beta']).toBe('x,mcp-client-2025-04-04');
  });
});
