import { describe, expect, it } from 'vitest';
import { decodeChatCompletionRequest } from '../../surfaces/openai/decode-request.js';
import { geminiProvider } from './index.js';
import { DUMMY_THOUGHT_SIGNATURE } from './thought-signature.js';

/**
 * A second-turn edit through Chat Completions: the client sends the model's image back as a
 * plain `images[]` data URL, without the signature AIHub sealed on it (a client that kept only
 * what it displays). Gemini 3 image models refuse such history, so the translation signs it.
 */
function editRequestFor(model: string) {
  const request = decodeChatCompletionRequest({
    model,
    messages: [
      { role: 'user', content: 'Draw a cat' },
      {
        role: 'assistant',
        content: 'Here it is.',
        images: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } }],
      },
      { role: 'user', content: 'Give it a hat' },
    ],
  });
  const context = {
    target: { baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'k', model },
    generateId: (prefix: string) => `${prefix}x`,
    now: () => 0,
  };
  const encoded = geminiProvider.encodeRequest({ ...request, model }, context);
  return JSON.parse(encoded.http.body) as { contents: { role: string; parts: Record<string, unknown>[] }[] };
}

describe('Gemini image history without signatures', () => {
  it("signs the model's unsigned image with the documented placeholder for a Gemini 3 image model", () => {
    const body = editRequestFor('gemini-3-pro-image-preview');
    expect(body.contents[1]).toEqual({
      role: 'model',
      parts: [
        { text: 'Here it is.' },
        { inlineData: { mimeType: 'image/png', data: 'iVBOR' }, thoughtSignature: DUMMY_THOUGHT_SIGNATURE },
      ],
    });
  });

  it('sends it unsigned to a Gemini 2.5 image model, which checks no signature', () => {
    const body = editRequestFor('gemini-2.5-flash-image');
    expect(body.contents[1]!.parts[1]).toEqual({ inlineData: { mimeType: 'image/png', data: 'iVBOR' } });
  });
});
