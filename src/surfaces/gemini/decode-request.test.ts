import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { sealSignature } from '../common/signature-seal.js';
import type { SurfaceInput } from '../surface.js';
import { decodeGeminiRequest } from './decode-request.js';

function input(body: unknown, action = 'generateContent', model = 'gemini-2.5-flash'): SurfaceInput {
  return { body, headers: {}, query: {}, params: { model, action } };
}

function rejection(body: unknown, action?: string): GatewayError {
  try {
    decodeGeminiRequest(input(body, action));
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a 400');
}

const hello = { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] };

describe('decodeGeminiRequest', () => {
  it('takes the model from the path (with or without models/) and the stream flag from the action', () => {
    expect(decodeGeminiRequest(input(hello, 'generateContent', 'models/gemini-2.5-pro'))).toEqual({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      stream: false,
      includeUsage: false,
    });
    const streamed = decodeGeminiRequest(input(hello, 'streamGenerateContent'));
    expect(streamed.stream).toBe(true);
    expect(streamed.includeUsage).toBe(true);
  });

  it('reads system instructions as a Content, a string or a list of parts', () => {
    const system = [{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] }];
    for (const systemInstruction of ['Be brief.', { parts: [{ text: 'Be brief.' }] }, [{ text: 'Be brief.' }]]) {
      expect(decodeGeminiRequest(input({ ...hello, systemInstruction })).messages.slice(0, 1)).toEqual(system);
    }
    expect(
      decodeGeminiRequest(input({ ...hello, system_instruction: { parts: [{ text: 'Be brief.' }] } })).messages[0],
    ).toEqual(system[0]);
  });

  it('turns media into image, file and audio parts', () => {
    const request = decodeGeminiRequest(
      input({
        contents: [
          {
            role: 'user',
            parts: [
              { inlineData: { mimeType: 'image/png', data: 'iVBOR' } },
              { inline_data: { mime_type: 'application/pdf', data: 'JVBER' } },
              { inlineData: { mimeType: 'audio/mpeg', data: 'SUQz' } },
              { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/a.jpg' } },
              { fileData: { fileUri: 'gs://bucket/doc.pdf', mimeType: 'application/pdf' } },
            ],
          },
        ],
      }),
    );
    expect(request.messages[0]?.content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
      {
        type: 'file',
        source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBER' },
        mediaType: 'application/pdf',
      },
      { type: 'audio', data: 'SUQz', format: 'mp3' },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg' } },
      { type: 'file', source: { kind: 'url', url: 'gs://bucket/doc.pdf' }, mediaType: 'application/pdf' },
    ]);
  });

  it('gives id-less function calls stable ids and matches their responses by name and order', () => {
    const request = decodeGeminiRequest(
      input({
        contents: [
          { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
          {
            role: 'model',
            parts: [
              { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'SIG1' },
              { functionCall: { name: 'weather', args: { city: 'Rome' } } },
            ],
          },
          {
            role: 'user',
            parts: [
              { functionResponse: { name: 'weather', response: { output: 'sunny' } } },
              { functionResponse: { name: 'weather', response: { error: 'timeout' } } },
            ],
          },
        ],
      }),
    );
    expect(request.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'call_1_0', name: 'weather', arguments: '{"city":"Paris"}', signature: 'SIG1' },
          { type: 'tool-call', id: 'call_1_1', name: 'weather', arguments: '{"city":"Rome"}' },
        ],
      },
      {
        role: 'tool',
        toolCallId: 'call_1_0',
        toolName: 'weather',
        content: [{ type: 'text', text: '{"output":"sunny"}' }],
      },
      {
        role: 'tool',
        toolCallId: 'call_1_1',
        toolName: 'weather',
        content: [{ type: 'text', text: '{"error":"timeout"}' }],
        isError: true,
      },
    ]);
  });

  it('keeps client ids, and splits a user turn into tool results and the text after them', () => {
    const request = decodeGeminiRequest(
      input({
        contents: [
          { role: 'user', parts: [{ text: 'go' }] },
          { role: 'model', parts: [{ function_call: { id: 'abc', name: 'run', args: {} } }] },
          {
            role: 'function',
            parts: [{ functionResponse: { id: 'abc', name: 'run', response: { ok: true } } }, { text: 'and now?' }],
          },
        ],
      }),
    );
    expect(request.messages.slice(2)).toEqual([
      { role: 'tool', toolCallId: 'abc', toolName: 'run', content: [{ type: 'text', text: '{"ok":true}' }] },
      { role: 'user', content: [{ type: 'text', text: 'and now?' }] },
    ]);
  });

  it('splits a model turn that holds its own function responses (server-side MCP history)', () => {
    const request = decodeGeminiRequest(
      input({
        contents: [
          { role: 'user', parts: [{ text: 'Weather?' }] },
          {
            role: 'model',
            parts: [
              { functionCall: { name: 'mcp_weather', args: {} } },
              { functionResponse: { name: 'mcp_weather', response: { result: 'sunny' } } },
              { text: 'Sunny.' },
            ],
          },
        ],
      }),
    );
    expect(request.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1_0', name: 'mcp_weather', arguments: '{}' }] },
      {
        role: 'tool',
        toolCallId: 'call_1_0',
        toolName: 'mcp_weather',
        content: [{ type: 'text', text: '{"result":"sunny"}' }],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Sunny.' }] },
    ]);
  });

  it('assembles a call recorded as streamed pieces, and answers it even under an invented response id', () => {
    const request = decodeGeminiRequest(
      input({
        contents: [
          { role: 'user', parts: [{ text: '100/2' }] },
          {
            role: 'model',
            parts: [
              {
                functionCall: {
                  name: 'divide',
                  partialArgs: [
                    { jsonPath: '$.a', numberValue: 100 },
                    { jsonPath: '$.__proto__.polluted', stringValue: 'x' },
                  ],
                },
              },
            ],
          },
          { role: 'user', parts: [{ functionResponse: { id: 'id', name: 'divide', response: { result: 50 } } }] },
        ],
      }),
    );
    expect(request.messages[1]?.content).toEqual([
      { type: 'tool-call', id: 'call_1_0', name: 'divide', arguments: '{"a":100}' },
    ]);
    expect(request.messages[2]).toMatchObject({ role: 'tool', toolCallId: 'call_1_0' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads thoughts as reasoning, opening a foreign signature sealed by this surface', () => {
    const anthropic = sealSignature('gemini', 'anthropic', 'EqQBCg');
    const request = decodeGeminiRequest(
      input({
        contents: [
          { role: 'user', parts: [{ text: 'hi' }] },
          {
            role: 'model',
            parts: [
              { text: 'Thinking...', thought: true, thoughtSignature: anthropic },
              { text: 'Hello!', thoughtSignature: 'GEMINI_TEXT_SIG' },
            ],
          },
          { role: 'user', parts: [{ text: 'again' }] },
        ],
      }),
    );
    expect(request.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Thinking...', signature: 'EqQBCg', signatureProvider: 'anthropic' },
        { type: 'text', text: 'Hello!', signature: 'GEMINI_TEXT_SIG' },
      ],
    });
  });

  it('maps function declarations, OpenAPI schemas and server tools', () => {
    const request = decodeGeminiRequest(
      input({
        ...hello,
        tools: [
          {
            functionDeclarations: [
              {
                name: 'divide',
                description: 'Divide',
                parameters: {
                  type: 'OBJECT',
                  properties: {
                    a: { type: 'NUMBER', nullable: true },
                    tags: { type: 'ARRAY', items: { type: 'STRING' }, maxItems: '3' },
                  },
                  required: ['a'],
                  propertyOrdering: ['a', 'tags'],
                },
              },
              { name: 'noop' },
              { name: 'raw', parametersJsonSchema: { type: 'object', additionalProperties: false } },
            ],
          },
          { googleSearch: {} },
          { code_execution: {} },
        ],
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['divide'] } },
      }),
    );
    expect(request.tools).toEqual([
      {
        name: 'divide',
        description: 'Divide',
        parameters: {
          type: 'object',
          properties: {
            a: { type: ['number', 'null'] },
            tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
          },
          required: ['a'],
        },
      },
      { name: 'noop', parameters: { type: 'object', properties: {} } },
      { name: 'raw', parameters: { type: 'object', additionalProperties: false } },
    ]);
    expect(request.serverTools).toEqual([
      { origin: 'gemini', type: 'googleSearch', definition: { googleSearch: {} } },
      { origin: 'gemini', type: 'codeExecution', definition: { code_execution: {} } },
    ]);
    expect(request.toolChoice).toEqual({ type: 'tool', name: 'divide' });
  });

  it.each([
    [{ mode: 'AUTO' }, { type: 'auto' }],
    [{ mode: 'VALIDATED' }, { type: 'auto' }],
    [{ mode: 'ANY' }, { type: 'required' }],
    [{ mode: 'NONE' }, { type: 'none' }],
  ])('maps functionCallingConfig %j', (config, choice) => {
    const body = {
      ...hello,
      tools: [{ functionDeclarations: [{ name: 'f' }] }],
      toolConfig: { functionCallingConfig: config },
    };
    expect(decodeGeminiRequest(input(body)).toolChoice).toEqual(choice);
  });

  it('maps generationConfig onto the IR and keeps Gemini-only settings for a Gemini upstream', () => {
    const request = decodeGeminiRequest(
      input({
        ...hello,
        generationConfig: {
          temperature: 0.2,
          topP: 0.9,
          topK: 40,
          candidateCount: 2,
          maxOutputTokens: 100,
          stopSequences: ['END'],
          seed: 7,
          presencePenalty: 0.1,
          frequencyPenalty: 0.2,
          responseLogprobs: true,
          logprobs: 3,
          responseMimeType: 'application/json',
          responseSchema: { type: 'OBJECT', properties: { x: { type: 'INTEGER' } } },
          responseModalities: ['TEXT'],
          thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 },
        },
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        cachedContent: 'cachedContents/abc',
        labels: { team: 'a' },
      }),
    );
    expect(request).toMatchObject({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      n: 2,
      maxOutputTokens: 100,
      stop: ['END'],
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      logprobs: true,
      topLogprobs: 3,
      responseFormat: {
        type: 'json_schema',
        name: 'response',
        schema: { type: 'object', properties: { x: { type: 'integer' } } },
      },
      reasoning: { budgetTokens: 1024 },
      extraBody: {
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        cachedContent: 'cachedContents/abc',
        labels: { team: 'a' },
        generationConfig: { responseModalities: ['TEXT'] },
      },
    });
  });

  it.each([
    [{ thinkingBudget: 0 }, { disabled: true }],
    [{ thinkingBudget: -1, includeThoughts: true }, { adaptive: true }],
    [{ includeThoughts: true }, { adaptive: true }],
    [{ thinkingLevel: 'low' }, { effort: 'low' }],
    [{ thinkingLevel: 'HIGH', includeThoughts: true }, { effort: 'high' }],
  ])('maps thinkingConfig %j', (thinkingConfig, reasoning) => {
    expect(decodeGeminiRequest(input({ ...hello, generationConfig: { thinkingConfig } })).reasoning).toEqual(reasoning);
  });

  it('leaves reasoning unset when thoughts are merely not included', () => {
    const request = decodeGeminiRequest(
      input({ ...hello, generationConfig: { thinkingConfig: { includeThoughts: false } } }),
    );
    expect(request.reasoning).toBeUndefined();
  });

  it('decodes both countTokens body forms', () => {
    const direct = decodeGeminiRequest(input(hello, 'countTokens'));
    const wrapped = decodeGeminiRequest(
      input({ generateContentRequest: { model: 'models/gemini-2.5-flash', ...hello } }, 'countTokens'),
    );
    expect(wrapped.messages).toEqual(direct.messages);
    expect(direct.stream).toBe(false);
  });

  it.each([
    [undefined, 'contents', 'contents is not specified'],
    [[], undefined, 'Root element must be a message'],
    [{ contents: 'hi' }, 'contents', "Invalid value at 'contents'"],
    [{ contents: [] }, 'contents', 'contents is not specified'],
    [{ contents: [{ role: 'user', parts: [] }] }, 'contents[0].parts', 'must not be empty'],
    [{ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }, 'contents[0].role', 'valid role'],
    [{ contents: [{ parts: [{ text: 5 }] }] }, 'contents[0].parts[0].text', '(TYPE_STRING), 5'],
    [{ contents: [{ parts: [{}] }] }, 'contents[0].parts[0]', "oneof field 'data'"],
    [
      { contents: [{ parts: [{ inlineData: { data: 'x' } }] }] },
      'contents[0].parts[0].inline_data.mime_type',
      'mime_type',
    ],
    [{ ...hello, generationConfig: { temperature: 'hot' } }, 'generation_config.temperature', 'TYPE_FLOAT'],
    [{ ...hello, generationConfig: { temperature: 3 } }, 'generation_config.temperature', 'between 0 and 2'],
    [{ ...hello, generationConfig: { maxOutputTokens: 1e12 } }, 'generation_config.max_output_tokens', 'TYPE_INT32'],
    [
      { ...hello, generationConfig: { thinkingConfig: { thinkingLevel: 'extreme' } } },
      'generation_config.thinking_config.thinking_level',
      'ThinkingLevel',
    ],
    [
      { ...hello, tools: [{ functionDeclarations: [{ name: 'bad name' }] }] },
      'tools[0].function_declarations[0].name',
      'Invalid function name',
    ],
    [
      { ...hello, toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['nope'] } } },
      'tool_config.function_calling_config.allowed_function_names',
      "'nope'",
    ],
    [
      { ...hello, generationConfig: { responseSchema: { type: 'OBJECT' } } },
      'generation_config.response_mime_type',
      'application/json',
    ],
    [
      { contents: [{ parts: [{ functionCall: { name: 'f', args: [] } }] }] },
      'contents[0].parts[0].function_call.args',
      'Struct',
    ],
  ])('rejects %j with a 400 naming %s', (body, param, message) => {
    const error = rejection(body);
    expect(error.status).toBe(400);
    expect(error.kind).toBe('invalid_request');
    expect(error.param ?? undefined).toBe(param);
    expect(error.message).toContain(message);
  });

  it('rejects an unknown action as not found', () => {
    expect(rejection(hello, 'embedContent').status).toBe(404);
  });

  it('keeps odd keys as plain data, never as a prototype', () => {
    const body = JSON.parse(
      '{"contents":[{"parts":[{"text":"x"}]}],"__proto__":{"polluted":true},"generationConfig":{"__proto__":{"x":1}}}',
    );
    const request = decodeGeminiRequest(input(body));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(request.extraBody)).toBe(Object.prototype);
    expect(Object.hasOwn(request.extraBody ?? {}, '__proto__')).toBe(true);
  });

  it('reads an inline image in a model turn as a generated image with its signature', () => {
    const sealed = sealSignature('gemini', 'openai', 'foreign');
    const request = decodeGeminiRequest(
      input({
        contents: [
          { role: 'user', parts: [{ text: 'Draw a cat' }] },
          {
            role: 'model',
            parts: [
              { text: 'A cat.' },
              { inlineData: { mimeType: 'image/png', data: 'iVBOR' }, thoughtSignature: 'sigI' },
              { inlineData: { mimeType: 'image/jpeg', data: '/9j/' }, thoughtSignature: sealed },
            ],
          },
        ],
      }),
    );
    expect(request.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'A cat.' },
        {
          type: 'generated-image',
          mediaType: 'image/png',
          data: 'iVBOR',
          signature: 'sigI',
          signatureProvider: 'gemini',
        },
        {
          type: 'generated-image',
          mediaType: 'image/jpeg',
          data: '/9j/',
          signature: 'foreign',
          signatureProvider: 'openai',
        },
      ],
    });
  });
});
