import { describe, expect, it } from 'vitest';
import type { ImageRequest } from '../../images/image-types.js';
import { GatewayError } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { decodeGeminiImages, encodeGeminiImages } from './images.js';

const context = (model: string): ProviderContext => ({
  target: { baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'g-key', model },
  generateId: () => 'id',
  now: () => 0,
});
const request = (overrides: Partial<ImageRequest> = {}): ImageRequest => ({
  operation: 'generation',
  model: 'alias',
  prompt: 'a red fox',
  n: 1,
  stream: false,
  images: [],
  ...overrides,
});

describe('Gemini image output (generateContent)', () => {
  it('asks for IMAGE and TEXT with the aspect ratio of the size, edit images as inlineData', () => {
    const encoded = encodeGeminiImages(
      request({
        operation: 'edit',
        size: '1536x1024',
        images: [{ bytes: new Uint8Array([1, 2, 3]), filename: 'a.png', contentType: 'image/png' }],
      }),
      context('gemini-2.5-flash-image'),
    );
    expect(encoded.http.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash-image:generateContent',
    );
    expect(encoded.http.headers['x-goog-api-key']).toBe('g-key');
    expect(JSON.parse(encoded.http.body)).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'a red fox' }, { inlineData: { mimeType: 'image/png', data: 'AQID' } }] },
      ],
      generationConfig: { responseModalities: ['IMAGE', 'TEXT'], imageConfig: { aspectRatio: '3:2' } },
    });
  });

  it('refuses a mask (Gemini edits by prompt)', () => {
    const mask = { bytes: new Uint8Array([1]), filename: 'm.png', contentType: 'image/png' };
    expect(() =>
      encodeGeminiImages(request({ operation: 'edit', images: [mask], mask }), context('gemini-2.5-flash-image')),
    ).toThrow(/no mask/);
  });

  it('decodes the inlineData images and the usage by modality', () => {
    const result = decodeGeminiImages(request(), {
      candidates: [
        {
          content: { parts: [{ text: 'Here' }, { inlineData: { mimeType: 'image/png', data: 'IMG' } }] },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: {
        promptTokenCount: 12,
        candidatesTokenCount: 1293,
        thoughtsTokenCount: 7,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 12 }],
        candidatesTokensDetails: [
          { modality: 'TEXT', tokenCount: 3 },
          { modality: 'IMAGE', tokenCount: 1290 },
        ],
      },
    });
    expect(result.images).toEqual([{ b64Json: 'IMG', mimeType: 'image/png' }]);
    expect(result.usage).toMatchObject({
      inputTokens: 12,
      inputTextTokens: 12,
      inputImageTokens: 0,
      outputTokens: 1300,
      outputImageTokens: 1290,
      outputTextTokens: 10,
    });
  });

  it.each([
    [{ candidates: [{ content: { parts: [] }, finishReason: 'IMAGE_SAFETY' }] }],
    [{ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }],
    [{ candidates: [{ content: { parts: [{ text: 'I cannot draw that.' }] }, finishReason: 'STOP' }] }],
  ])('an answer without an image is a content-policy 400 (%#)', (body) => {
    let caught: unknown;
    try {
      decodeGeminiImages(request(), body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect((caught as GatewayError).status).toBe(400);
    expect((caught as GatewayError).code).toBe('content_policy_violation');
  });
});

describe('Imagen (:predict)', () => {
  it('sends instances and parameters', () => {
    const encoded = encodeGeminiImages(
      request({ n: 3, size: '1024x1792', outputFormat: 'jpeg', outputCompression: 70 }),
      context('imagen-4.0-generate-001'),
    );
    expect(encoded.http.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/imagen-4.0-generate-001:predict',
    );
    expect(JSON.parse(encoded.http.body)).toEqual({
      instances: [{ prompt: 'a red fox' }],
      parameters: {
        sampleCount: 3,
        aspectRatio: '9:16',
        outputOptions: { mimeType: 'image/jpeg', compressionQuality: 70 },
      },
    });
  });

  it('decodes the images and skips the entries that are not (safety attributes)', () => {
    const result = decodeGeminiImages(request(), {
      predictions: [
        { bytesBase64Encoded: 'A', mimeType: 'image/png' },
        { contentType: 'Positive Prompt', safetyAttributes: {} },
      ],
    });
    expect(result).toEqual({ images: [{ b64Json: 'A', mimeType: 'image/png' }] });
  });

  it('a filtered answer is a content-policy 400', () => {
    expect(() => decodeGeminiImages(request(), { predictions: [{ raiFilteredReason: 'filtered' }] })).toThrow(
      /safety system/,
    );
  });
});
