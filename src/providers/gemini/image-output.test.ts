import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { encodeGeminiRequest } from './encode-request.js';
import { imageOutputConfig } from './image-output.js';

const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gemini-2.5-flash-image',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Draw a cat' }] }],
  stream: false,
  includeUsage: false,
  ...extra,
});

describe('imageOutputConfig', () => {
  it('maps the requested modalities and image config to Gemini names', () => {
    expect(
      imageOutputConfig(
        request({ outputModalities: ['image', 'text'], imageConfig: { aspectRatio: '16:9', imageSize: '2K' } }),
        false,
      ),
    ).toEqual({ responseModalities: ['IMAGE', 'TEXT'], imageConfig: { aspectRatio: '16:9', imageSize: '2K' } });
  });

  it('gives an image model IMAGE and TEXT when the request names no modalities', () => {
    expect(imageOutputConfig(request(), true)).toEqual({ responseModalities: ['IMAGE', 'TEXT'] });
    expect(imageOutputConfig(request(), false)).toEqual({});
    expect(imageOutputConfig(request({ outputModalities: ['text'] }), true)).toEqual({ responseModalities: ['TEXT'] });
  });

  it("leaves a Gemini client's own responseModalities alone", () => {
    const gemini = request({
      extraBody: { generationConfig: { responseModalities: ['IMAGE'] } },
      extraBodyVendor: 'gemini',
    });
    expect(imageOutputConfig(gemini, true)).toEqual({});
  });
});

describe('encodeGeminiRequest with image output', () => {
  const context = (outputsImages: boolean): ProviderContext => ({
    target: { baseUrl: 'https://g', apiKey: 'k', model: 'gemini-2.5-flash-image' },
    generateId: (prefix) => `${prefix}1`,
    now: () => 0,
    model: { maxOutputTokens: 32768, outputsImages },
  });

  it('sends responseModalities and imageConfig, and reports modalities and image_config as honoured', () => {
    const encoded = encodeGeminiRequest(
      request({
        outputModalities: ['image', 'text'],
        imageConfig: { aspectRatio: '3:2' },
        extraBody: { modalities: ['image', 'text'], image_config: { aspect_ratio: '3:2' } },
      }),
      context(false),
    );
    expect(JSON.parse(encoded.http.body as string).generationConfig).toEqual({
      responseModalities: ['IMAGE', 'TEXT'],
      imageConfig: { aspectRatio: '3:2' },
    });
    expect(encoded.droppedParams).toEqual([]);
  });

  it("defaults an image model's answer to images and text", () => {
    const encoded = encodeGeminiRequest(request(), context(true));
    expect(JSON.parse(encoded.http.body as string).generationConfig).toEqual({ responseModalities: ['IMAGE', 'TEXT'] });
  });
});
