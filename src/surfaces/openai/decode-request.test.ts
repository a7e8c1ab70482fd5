import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeChatCompletionRequest } from './decode-request.js';

function decodeError(body: unknown): GatewayError {
  try {
    decodeChatCompletionRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('decodeChatCompletionRequest', () => {
  it('decodes the seed example', () => {
    const request = decodeChatCompletionRequest({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hello' }],
      temperature: 0.7,
      stream: false,
    });
    expect(request).toEqual({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      temperature: 0.7,
      stream: false,
      includeUsage: false,
    });
  });

  it('keeps system, developer, names and multi-turn history in order', () => {
    const request = decodeChatCompletionRequest({
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'Hi', name: 'alice' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Weather?' },
      ],
    });
    expect(request.messages.map((message) => message.role)).toEqual([
      'system',
      'developer',
      'user',
      'assistant',
      'user',
    ]);
    expect(request.messages[2]).toEqual({ role: 'user', name: 'alice', content: [{ type: 'text', text: 'Hi' }] });
  });

  it('decodes images as data URLs and http URLs, audio and files', () => {
    const request = decodeChatCompletionRequest({
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
            { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0', filename: 'a.pdf' } },
          ],
        },
      ],
    });
    expect(request.messages[0]?.content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0K' }, detail: 'low' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'audio', data: 'UklGR', format: 'wav' },
      {
        type: 'file',
        source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0' },
        mediaType: 'application/pdf',
        filename: 'a.pdf',
      },
    ]);
  });

  it('decodes tools, tool choice, tool calls with signatures and tool results', () => {
    const request = decodeChatCompletionRequest({
      model: 'm',
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1__sig__c2lnbmF0dXJl',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1__sig__c2lnbmF0dXJl', content: '{"temp":21}' },
      ],
    });
    expect(request.tools).toEqual([{ name: 'get_weather', parameters: { type: 'object' }, strict: true }]);
    expect(request.toolChoice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(request.parallelToolCalls).toBe(false);
    expect(request.messages[1]?.content).toEqual([
      {
        type: 'tool-call',
        id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        signature: 'c2lnbmF0dXJl',
      },
    ]);
    expect(request.messages[2]).toEqual({
      role: 'tool',
      toolCallId: 'call_1',
      toolName: 'get_weather',
      content: [{ type: 'text', text: '{"temp":21}' }],
    });
  });

  it('round-trips reasoning with its signature from reasoning_details', () => {
    const request = decodeChatCompletionRequest({
      model: 'm',
      messages: [
        { role: 'user', content: 'Hi' },
        {
          role: 'assistant',
          content: 'Hello',
          reasoning_content: 'The user greets me.',
          reasoning_details: [
            { type: 'reasoning.text', signature: 'EqQBCkYI', format: 'anthropic-claude-v1', index: 0 },
            { type: 'reasoning.encrypted', data: 'EmwKAhgB', index: 1 },
          ],
        },
      ],
    });
    expect(request.messages[1]?.content).toEqual([
      { type: 'reasoning', text: 'The user greets me.', signature: 'EqQBCkYI', signatureProvider: 'anthropic' },
      { type: 'reasoning', text: '', redactedData: 'EmwKAhgB' },
      { type: 'text', text: 'Hello' },
    ]);
  });

  it('keeps prompt-cache breakpoints on system and user parts', () => {
    const request = decodeChatCompletionRequest({
      model: 'm',
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Long rules', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: [{ type: 'text', text: 'Big doc', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
      ],
    });
    expect(request.messages[0]?.content).toEqual([
      { type: 'text', text: 'Long rules', cacheControl: { type: 'ephemeral' } },
    ]);
    expect(request.messages[1]?.content).toEqual([
      { type: 'text', text: 'Big doc', cacheControl: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it.each([
    [{ reasoning_effort: 'high' }, { effort: 'high' }],
    [{ reasoning_effort: 'none' }, { disabled: true }],
    [{ thinking: { type: 'enabled', budget_tokens: 2048 } }, { budgetTokens: 2048 }],
    [{ thinking: { type: 'disabled' } }, { disabled: true }],
    [{ reasoning: { max_tokens: 4000 } }, { budgetTokens: 4000 }],
    [{ reasoning: { enabled: true } }, { effort: 'medium' }],
  ])('maps reasoning settings %j', (fields, expected) => {
    const request = decodeChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], ...fields });
    expect(request.reasoning).toEqual(expected);
  });

  it('decodes sampling, limits, response format, stream options and keeps vendor extras', () => {
    const request = decodeChatCompletionRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      top_p: 0.9,
      max_tokens: 10,
      max_completion_tokens: 20,
      stop: 'END',
      seed: 7,
      n: 2,
      user: 'u-1',
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } },
      enable_thinking: true,
    });
    expect(request).toMatchObject({
      topP: 0.9,
      maxOutputTokens: 20,
      stop: ['END'],
      seed: 7,
      n: 2,
      user: 'u-1',
      stream: true,
      includeUsage: true,
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
      extraBody: { enable_thinking: true },
    });
  });

  it("takes OpenRouter's usage: {include: true} as include_usage, and keeps it from the upstream", () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true };
    const request = decodeChatCompletionRequest({ ...body, usage: { include: true } });
    expect(request.includeUsage).toBe(true);
    expect(request.extraBody).toBeUndefined();
    expect(decodeChatCompletionRequest({ ...body, usage: { include: false } }).includeUsage).toBe(false);
    expect(() => decodeChatCompletionRequest({ ...body, usage: { include: 'yes' } })).toThrow(/usage\.include/);
  });

  it("reads OpenRouter's models as fallbacks after model (each once), or alone, its first entry first", () => {
    const messages = [{ role: 'user', content: 'x' }];
    const request = decodeChatCompletionRequest({ model: 'a', models: ['b', 'a', 'c', 'b'], messages });
    expect(request.model).toBe('a');
    expect(request.fallbackModels).toEqual(['b', 'c']);
    expect(request.extraBody).toBeUndefined();
    const alone = decodeChatCompletionRequest({ models: ['b', 'c'], messages });
    expect(alone).toMatchObject({ model: 'b', fallbackModels: ['c'] });
    expect(decodeChatCompletionRequest({ model: 'a', models: ['a'], messages }).fallbackModels).toBeUndefined();
    expect(() => decodeChatCompletionRequest({ model: 'a', models: [], messages })).toThrow(/models/);
  });

  it("reads OpenRouter's provider preferences, and keeps them from the upstream", () => {
    const request = decodeChatCompletionRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      provider: {
        order: ['deepseek', 'openai'],
        only: ['deepseek', 'openai'],
        ignore: ['anthropic'],
        allow_fallbacks: false,
        sort: 'price',
        max_price: { prompt: 1, completion: 2 },
        require_parameters: true,
        data_collection: 'deny',
      },
    });
    expect(request.providerPreferences).toEqual({
      order: ['deepseek', 'openai'],
      only: ['deepseek', 'openai'],
      ignore: ['anthropic'],
      allowFallbacks: false,
      sort: 'price',
      maxPrice: { prompt: 1, completion: 2 },
      requireParameters: true,
    });
    expect(request.extraBody).toBeUndefined();
    const empty = decodeChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], provider: {} });
    expect(empty.providerPreferences).toBeUndefined();
  });

  it('reads prompt_cache_key for sticky routing and still forwards it to an OpenAI-compatible upstream', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'x' }], prompt_cache_key: 'conv-42' };
    const request = decodeChatCompletionRequest(body);
    expect(request.promptCacheKey).toBe('conv-42');
    expect(request.extraBody).toEqual({ prompt_cache_key: 'conv-42' });
    expect(decodeChatCompletionRequest({ ...body, prompt_cache_key: null }).promptCacheKey).toBeUndefined();
  });

  it('marks a request that names no model, for the group’s default to fill (never a name a channel has)', () => {
    const request = decodeChatCompletionRequest({ messages: [{ role: 'user', content: 'x' }] });
    expect(request.modelOmitted).toBe(true);
    expect(request.model).toBe('(default)');
    expect(decodeChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).modelOmitted).toBe(
      undefined,
    );
    expect(
      decodeChatCompletionRequest({ models: ['a', 'b'], messages: [{ role: 'user', content: 'x' }] }),
    ).toMatchObject({
      model: 'a',
      fallbackModels: ['b'],
    });
  });

  it.each([
    ['a non-object body', [], undefined, 'JSON object'],
    [
      'a prompt_cache_key that is not a string',
      { model: 'm', messages: [{ role: 'user', content: 'x' }], prompt_cache_key: 42 },
      'prompt_cache_key',
      'Invalid value',
    ],
    ['missing messages', { model: 'm' }, 'messages', 'Missing required parameter'],
    ['empty messages', { model: 'm', messages: [] }, 'messages', 'at least one'],
    [
      'a wrong type',
      { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' },
      'temperature',
      'Invalid value',
    ],
    [
      'an unknown role',
      { model: 'm', messages: [{ role: 'robot', content: 'x' }] },
      'messages[0].role',
      'Invalid value',
    ],
    [
      'a tool_choice naming no tool',
      {
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        tool_choice: { type: 'function', function: { name: 'f' } },
      },
      'tool_choice',
      "'f'",
    ],
    [
      'a non-http image URL',
      {
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] }],
      },
      'messages[0].content[0]',
      'http(s)',
    ],
  ])('rejects %s with a 400 naming the field', (_name, body, param, message) => {
    const error = decodeError(body);
    expect(error.status).toBe(400);
    expect(error.param ?? undefined).toBe(param);
    expect(error.message).toContain(message);
  });
});

describe('signature provenance', () => {
  it('records which vendor issued a reasoning signature, from reasoning_details format', () => {
    const request = decodeChatCompletionRequest({
      model: 'm',
      messages: [
        {
          role: 'assistant',
          content: 'ok',
          reasoning_content: 'thought',
          reasoning_details: [{ type: 'reasoning.text', signature: 'sig', format: 'google-gemini-v1' }],
        },
      ],
    });
    expect(request.messages[0]?.content[0]).toEqual({
      type: 'reasoning',
      text: 'thought',
      signature: 'sig',
      signatureProvider: 'gemini',
    });
  });
});
