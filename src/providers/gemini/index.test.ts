import { describe, expect, it } from 'vitest';
import { geminiProvider } from './index.js';

describe('geminiProvider', () => {
  it('is the gemini provider and needs media inlined', () => {
    expect(geminiProvider.id).toBe('gemini');
    expect(geminiProvider.inlineMedia).toEqual({ images: true, files: true });
  });

  it('round-trips a tool call with its signature through decode and encode', () => {
    const context = {
      target: { baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'k', model: 'gemini-3-pro-preview' },
      generateId: (prefix: string) => `${prefix}x`,
      now: () => 0,
    };
    const result = geminiProvider.decodeResponse(
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [{ functionCall: { name: 'f', args: { a: [1, { b: null }] } }, thoughtSignature: 'S' }],
            },
            finishReason: 'STOP',
          },
        ],
      },
      context,
    );
    const encoded = geminiProvider.encodeRequest(
      {
        model: 'gemini-3-pro-preview',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          { role: 'assistant', content: result.choices[0]!.content },
          { role: 'tool', toolCallId: 'call_x', content: [{ type: 'text', text: '{"ok":1}' }] },
        ],
        stream: false,
        includeUsage: false,
      },
      context,
    );
    expect(JSON.parse(encoded.http.body).contents).toEqual([
      { role: 'user', parts: [{ text: 'q' }] },
      { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: [1, { b: null }] } }, thoughtSignature: 'S' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { ok: 1 } } }] },
    ]);
  });
});
