import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { encodeGeminiRequest } from './encode-request.js';

const context = (overrides: Partial<ProviderContext['target']> = {}): ProviderContext => ({
  target: {
    baseUrl: 'https://generativelanguage.googleapis.com/',
    apiKey: 'key-123',
    model: 'gemini-2.5-flash',
    ...overrides,
  },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
});

const request: ChatRequest = {
  model: 'gemini-2.5-flash',
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'sys' }] },
    { role: 'user', content: [{ type: 'text', text: 'hi' }] },
  ],
  tools: [{ name: 'f', parameters: { type: 'object', properties: {} } }],
  toolChoice: { type: 'auto' },
  temperature: 0,
  user: 'someone',
  stream: false,
  includeUsage: false,
};

describe('encodeGeminiRequest', () => {
  it('builds the generateContent request with the key header', () => {
    const encoded = encodeGeminiRequest(request, context({ headers: { 'x-extra': '1' } }));
    expect(encoded.http).toMatchObject({
      method: 'POST',
      url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'key-123', 'x-extra': '1' },
    });
    expect(JSON.parse(encoded.http.body)).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      systemInstruction: { parts: [{ text: 'sys' }] },
      tools: [{ functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', properties: {} } }] }],
      toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
      generationConfig: { temperature: 0 },
    });
    expect(encoded.droppedParams).toEqual(['user']);
  });

  it('streams through streamGenerateContent with alt=sse and uses the channel model name', () => {
    const encoded = encodeGeminiRequest(
      { ...request, stream: true },
      context({ model: 'models/gemini-3-pro-preview' }),
    );
    expect(encoded.http.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse',
    );
  });

  it('omits sections the request does not use', () => {
    const minimal: ChatRequest = {
      ...request,
      messages: [request.messages[1]!],
      tools: undefined,
      temperature: undefined,
    };
    expect(JSON.parse(encodeGeminiRequest(minimal, context()).http.body)).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
    });
  });

  it('sends a Gemini client’s safety settings, cached content, extra generation settings and built-in tools', () => {
    const encoded = encodeGeminiRequest(
      {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        serverTools: [{ origin: 'gemini', type: 'urlContext', definition: { urlContext: {} } }],
        temperature: 0.5,
        extraBody: {
          safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
          cachedContent: 'cachedContents/abc',
          generationConfig: { responseModalities: ['TEXT'] },
          unknown_field: 1,
        },
        stream: false,
        includeUsage: false,
      },
      context(),
    );
    expect(JSON.parse(encoded.http.body)).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      tools: [{ urlContext: {} }],
      generationConfig: { responseModalities: ['TEXT'], temperature: 0.5 },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      cachedContent: 'cachedContents/abc',
    });
    expect(encoded.droppedParams).toEqual(['unknown_field']);
  });
});

describe('encodeGeminiRequest: features of other vendors', () => {
  it('refuses an Anthropic server tool and a container with a 400 naming them', () => {
    const ctx = {
      target: { baseUrl: 'https://g.test', apiKey: 'k', model: 'gemini-2.5-flash' },
      generateId: (p: string) => p,
      now: () => 0,
    };
    const base = {
      model: 'm',
      messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }],
      stream: false,
      includeUsage: false,
    };
    expect(() =>
      encodeGeminiRequest(
        { ...base, serverTools: [{ origin: 'anthropic', type: 'code_execution_20250825', definition: {} }] },
        ctx,
      ),
    ).toThrow('code_execution_20250825');
    expect(() => encodeGeminiRequest({ ...base, extraBody: { container: 'c' } }, ctx)).toThrow('container');
  });
});
