import { describe, expect, it } from 'vitest';
import { anthropicProvider } from './index.js';

const context = {
  target: { baseUrl: 'https://api.anthropic.com', apiKey: 'k', model: 'claude-haiku-4-5' },
  generateId: (prefix: string) => `${prefix}x`,
  now: () => 0,
};

describe('anthropicProvider', () => {
  it('identifies itself and lets Anthropic fetch URLs itself', () => {
    expect(anthropicProvider.id).toBe('anthropic');
    expect(anthropicProvider.inlineMedia).toEqual({ images: false, files: false });
  });

  it('wires request, response, stream and error translation together', () => {
    const encoded = anthropicProvider.encodeRequest(
      {
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        stream: true,
        includeUsage: true,
      },
      context,
    );
    expect(encoded.http.url).toBe('https://api.anthropic.com/v1/messages');
    expect(JSON.parse(encoded.http.body)).toMatchObject({ model: 'claude-haiku-4-5', stream: true });

    const result = anthropicProvider.decodeResponse(
      { content: [{ type: 'text', text: 'yo' }], stop_reason: 'end_turn' },
      context,
    );
    expect(result.choices[0].content).toEqual([{ type: 'text', text: 'yo' }]);

    const decoder = anthropicProvider.createStreamDecoder(context);
    expect(decoder.end()).toMatchObject([{ type: 'error' }]);

    expect(anthropicProvider.decodeError(529, {}, '')).toMatchObject({ kind: 'overloaded', status: 503 });
  });
});
