import { describe, expect, it } from 'vitest';
import type { ProviderContext } from '../provider.js';
import { decodeGeminiResponse } from './decode-response.js';
import { generatedImage } from './generated-image.js';
import { createGeminiStreamDecoder } from './stream-decoder.js';

const context: ProviderContext = {
  target: { baseUrl: 'https://g', apiKey: 'k', model: 'gemini-3-pro-image-preview' },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
};

const answerParts = [
  { text: 'planning', thought: true },
  { inlineData: { mimeType: 'image/png', data: 'DRAFT' }, thought: true },
  { text: 'Here is your cat.', thoughtSignature: 'sigT' },
  { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' }, thoughtSignature: 'sigI' },
  { inlineData: { mimeType: 'audio/wav', data: 'UklGR' } },
];

describe('generatedImage', () => {
  it('takes image inlineData outside thoughts, with its signature', () => {
    expect(generatedImage({ inlineData: { mimeType: 'IMAGE/JPEG', data: '/9j/' } })).toEqual({
      type: 'generated-image',
      mediaType: 'image/jpeg',
      data: '/9j/',
    });
    expect(generatedImage(answerParts[3]!)).toEqual({
      type: 'generated-image',
      mediaType: 'image/png',
      data: 'iVBORw0KGgo=',
      signature: 'sigI',
    });
  });

  it('leaves out draft images in thoughts, other media and empty data', () => {
    expect(generatedImage(answerParts[1]!)).toBeUndefined();
    expect(generatedImage(answerParts[4]!)).toBeUndefined();
    expect(generatedImage({ inlineData: { mimeType: 'image/png', data: '' } })).toBeUndefined();
    expect(generatedImage({ text: 'x' })).toBeUndefined();
  });

  it('puts the answer image in the decoded result, in order with the text', () => {
    const result = decodeGeminiResponse(
      { candidates: [{ content: { role: 'model', parts: answerParts }, finishReason: 'STOP' }] },
      context,
    );
    expect(result.choices[0]?.content).toEqual([
      { type: 'reasoning', text: 'planning' },
      { type: 'text', text: 'Here is your cat.', signature: 'sigT' },
      { type: 'generated-image', mediaType: 'image/png', data: 'iVBORw0KGgo=', signature: 'sigI' },
    ]);
    expect(result.choices[0]?.finishReason.unified).toBe('stop');
  });

  it('streams the image as one part in the chunk where it arrives', () => {
    const decoder = createGeminiStreamDecoder(context);
    const chunk = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
      data: JSON.stringify({ candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }] }),
    });
    const parts = [
      ...decoder.push(chunk([answerParts[2]])),
      ...decoder.push(chunk([answerParts[3]], { finishReason: 'STOP' })),
      ...decoder.end(),
    ];
    expect(parts.filter((part) => part.type !== 'response-metadata')).toEqual([
      { type: 'text-delta', choice: 0, delta: 'Here is your cat.' },
      { type: 'text-signature', choice: 0, signature: 'sigT' },
      { type: 'generated-image', choice: 0, mediaType: 'image/png', data: 'iVBORw0KGgo=', signature: 'sigI' },
      { type: 'finish', choice: 0, finishReason: { unified: 'stop', raw: 'STOP' } },
    ]);
  });
});
