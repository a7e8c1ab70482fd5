import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { sealSignature } from '../common/signature-seal.js';
import { decodeMessagesRequest } from './decode-request.js';

function decode(body: unknown, headers: Record<string, string> = {}) {
  return decodeMessagesRequest({ body, headers });
}

function errorOf(body: unknown): GatewayError {
  try {
    decode(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

const base = { model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

describe('decodeMessagesRequest', () => {
  it('decodes the minimal request', () => {
    expect(decode(base)).toEqual({
      model: 'claude-sonnet-4-5',
      maxOutputTokens: 100,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      stream: false,
      includeUsage: false,
    });
  });

  it('keeps system blocks with their cache breakpoints, incl. the 1-hour ttl', () => {
    const request = decode({
      ...base,
      system: [
        { type: 'text', text: 'A', cache_control: { type: 'ephemeral', ttl: '1h' } },
        { type: 'text', text: 'B', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(request.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'A', cacheControl: { type: 'ephemeral', ttl: '1h' } },
        { type: 'text', text: 'B', cacheControl: { type: 'ephemeral' } },
      ],
    });
  });

  it('turns tool results into tool messages in place, then the rest of the user turn', () => {
    const request = decode({
      ...base,
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check.' },
            { type: 'tool_use', id: 'toolu_1__sig__R2Vt', name: 'weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1__sig__R2Vt', content: 'sunny', is_error: true },
            { type: 'text', text: 'and tomorrow?' },
          ],
        },
      ],
    });
    expect(request.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}', signature: 'R2Vt' },
        ],
      },
      {
        role: 'tool',
        toolCallId: 'toolu_1',
        toolName: 'weather',
        isError: true,
        content: [{ type: 'text', text: 'sunny' }],
      },
      { role: 'user', content: [{ type: 'text', text: 'and tomorrow?' }] },
    ]);
  });

  it('moves a tool_result breakpoint onto its last content part', () => {
    const request = decode({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't',
              content: [{ type: 'text', text: 'x' }],
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'tool', toolCallId: 't', content: [{ type: 'text', text: 'x', cacheControl: { type: 'ephemeral' } }] },
    ]);
  });

  it('opens sealed signatures and keeps Anthropic ones as they are', () => {
    const request = decode({
      ...base,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'EqQB' },
            { type: 'thinking', thinking: 'gem', signature: sealSignature('anthropic', 'gemini', 'CiQB') },
            { type: 'redacted_thinking', data: 'opaque' },
          ],
        },
      ],
    });
    expect(request.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'hmm', signature: 'EqQB', signatureProvider: 'anthropic' },
        { type: 'reasoning', text: 'gem', signature: 'CiQB', signatureProvider: 'gemini' },
        { type: 'reasoning', text: '', redactedData: 'opaque', signatureProvider: 'anthropic' },
      ],
    });
  });

  it('decodes images and documents (base64, url, plain text) with citations and titles', () => {
    const request = decode({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
            { type: 'image', source: { type: 'url', url: 'https://x.test/a.jpg' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'T' },
            { type: 'document', source: { type: 'url', url: 'https://x.test/a.pdf' }, citations: { enabled: true } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' } },
          ],
        },
      ],
    });
    expect(request.messages[0]?.content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
      { type: 'image', source: { kind: 'url', url: 'https://x.test/a.jpg' } },
      {
        type: 'file',
        source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
        mediaType: 'application/pdf',
        filename: 'T',
      },
      {
        type: 'file',
        source: { kind: 'url', url: 'https://x.test/a.pdf' },
        mediaType: 'application/pdf',
        citations: true,
      },
      {
        type: 'file',
        source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('héllo').toString('base64') },
        mediaType: 'text/plain',
      },
    ]);
  });

  it('separates custom tools from server tools and maps tool_choice', () => {
    const request = decode({
      ...base,
      tools: [
        { name: 'f', description: 'd', input_schema: { type: 'object' } },
        { type: 'custom', name: 'g', input_schema: { type: 'object' } },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
    expect(request.tools).toEqual([
      { name: 'f', description: 'd', parameters: { type: 'object' } },
      { name: 'g', parameters: { type: 'object' } },
    ]);
    expect(request.serverTools).toEqual([
      {
        origin: 'anthropic',
        type: 'web_search_20250305',
        definition: { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
      },
    ]);
    expect(request.toolChoice).toEqual({ type: 'required' });
    expect(request.parallelToolCalls).toBe(false);
    expect(
      decode({ ...base, tools: [{ name: 'f', input_schema: {} }], tool_choice: { type: 'tool', name: 'f' } })
        .toolChoice,
    ).toEqual({
      type: 'tool',
      name: 'f',
    });
    expect(decode({ ...base, tool_choice: { type: 'none' } }).toolChoice).toEqual({ type: 'none' });
  });

  it.each([
    [{ type: 'enabled', budget_tokens: 2048 }, undefined, { budgetTokens: 2048 }],
    [{ type: 'adaptive' }, { effort: 'high' }, { adaptive: true, effort: 'high' }],
    [{ type: 'disabled' }, undefined, { disabled: true }],
    [undefined, { effort: 'max' }, { effort: 'xhigh' }],
  ])('decodes thinking %j with output_config %j', (thinking, outputConfig, expected) => {
    expect(decode({ ...base, thinking, output_config: outputConfig }).reasoning).toEqual(expected);
  });

  it('maps sampling, stop sequences, metadata, streaming, structured output and beta headers', () => {
    const request = decode(
      {
        ...base,
        temperature: 0.5,
        top_p: 0.9,
        top_k: 40,
        stop_sequences: ['END'],
        metadata: { user_id: 'session-1' },
        stream: true,
        output_config: { format: { type: 'json_schema', schema: { type: 'object' } } },
        container: 'c1',
        mcp_servers: [{ type: 'url', url: 'https://m.test', name: 'm' }],
        service_tier: 'auto',
      },
      { 'anthropic-beta': 'a-2025, b-2026 ,a-2025' },
    );
    expect(request).toMatchObject({
      temperature: 0.5,
      topP: 0.9,
      topK: 40,
      stop: ['END'],
      user: 'session-1',
      promptCacheKey: 'session-1',
      stream: true,
      includeUsage: true,
      responseFormat: { type: 'json_schema', name: 'output', schema: { type: 'object' } },
      anthropicBeta: ['a-2025', 'b-2026'],
      extraBody: {
        container: 'c1',
        mcp_servers: [{ type: 'url', url: 'https://m.test', name: 'm' }],
        service_tier: 'auto',
      },
    });
    expect(request.n).toBeUndefined();
  });

  it('keeps Anthropic-only blocks out of the IR and mid-conversation system turns in place', () => {
    const request = decode({
      ...base,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
            { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
            { type: 'text', text: 'found' },
          ],
        },
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      ],
    });
    expect(request.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'found' }] },
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    ]);
  });

  it.each([
    [null, null, 'The request body must be a JSON object.'],
    [[1], null, 'The request body must be a JSON object.'],
    [{ ...base, max_tokens: undefined }, 'max_tokens', 'max_tokens: Field required'],
    [{ ...base, max_tokens: 0 }, 'max_tokens', 'max_tokens: '],
    [{ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }, 'messages.0.content.0.text', ''],
    [
      { ...base, messages: [{ role: 'user', content: [{ text: 'x' }] }] },
      'messages.0.content.0.type',
      'Field required',
    ],
    [{ ...base, messages: [{ role: 'user', content: [null] }] }, 'messages.0.content.0', ''],
    [{ ...base, messages: [{ role: 'bot', content: 'x' }] }, 'messages.0.role', ''],
    [
      { ...base, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] }] },
      'messages.0.content.0.type',
      'assistant',
    ],
    [{ ...base, tools: [{ name: 'f' }] }, 'tools.0.input_schema', ''],
    [{ ...base, tool_choice: { type: 'tool', name: 'nope' } }, 'tool_choice.name', "Tool 'nope'"],
    [{ ...base, thinking: { type: 'enabled' } }, 'thinking.budget_tokens', ''],
    [{ ...base, temperature: 1.5 }, 'temperature', ''],
    [
      { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] },
      'messages.0.content.0.source',
      'Files API',
    ],
  ])('rejects %j naming %s', (body, param, message) => {
    const error = errorOf(body);
    expect(error.kind).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toContain(message);
    if (param) expect(error.message.startsWith(`${param}: `)).toBe(true);
  });

  it('survives odd JSON values without crashing', () => {
    const odd: unknown[] = [
      0,
      'x',
      true,
      {},
      { model: 1, max_tokens: 1, messages: [] },
      { ...base, messages: 'x' },
      { ...base, system: [{ type: 'text' }] },
      { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result' }] }] },
      { ...base, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }] }] },
      JSON.parse('{"model":"m","max_tokens":1,"messages":[],"__proto__":{"x":1}}'),
    ];
    for (const body of odd) {
      try {
        decode(body);
      } catch (error) {
        expect(error).toBeInstanceOf(GatewayError);
        expect((error as GatewayError).status).toBe(400);
      }
    }
    const request = decode(JSON.parse('{"model":"m","max_tokens":1,"messages":[],"__proto__":{"x":1}}'));
    expect(Object.getPrototypeOf(request.extraBody)).toBe(Object.prototype);
    expect(Object.keys(request.extraBody ?? {})).toEqual(['__proto__']);
  });
});
