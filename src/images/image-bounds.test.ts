import { describe, expect, it } from 'vitest';
import { IMAGE_TOKENS_CEILING } from '../billing/media-bounds.js';
import { gptImageOutputTokens, HIGH_FIDELITY_EXTRA_TOKENS, imageWorstCase } from './image-bounds.js';
import type { ImageRequest } from './image-types.js';
import { settledUsage, worstCaseUsage } from './image-usage.js';

const request = (overrides: Partial<ImageRequest> = {}): ImageRequest => ({
  operation: 'generation',
  model: 'm',
  prompt: 'héllo',
  n: 1,
  stream: false,
  images: [],
  ...overrides,
});
const file = { bytes: new Uint8Array(1), filename: 'a.png', contentType: 'image/png' };

describe('gptImageOutputTokens', () => {
  it("follows OpenAI's table for the standard sizes and qualities", () => {
    expect(gptImageOutputTokens('gpt-image-1', '1024x1024', 'low')).toBe(272);
    expect(gptImageOutputTokens('gpt-image-1', '1024x1536', 'medium')).toBe(1584);
    expect(gptImageOutputTokens('gpt-image-1', '1536x1024', 'high')).toBe(6208);
  });

  it('assumes the most for auto: high at the largest size the model makes', () => {
    expect(gptImageOutputTokens('gpt-image-1', 'auto', 'auto')).toBe(6240);
    expect(gptImageOutputTokens('gpt-image-1', undefined, undefined)).toBe(6240);
    expect(gptImageOutputTokens('gpt-image-2', 'auto', 'low')).toBe(Math.ceil((4160 * 3840 * 2160) / 1024 ** 2));
  });

  it('is never below the table for a standard size', () => {
    for (const size of ['1024x1024', '1024x1536', '1536x1024']) {
      expect(gptImageOutputTokens('gpt-image-2', size, 'auto')).toBeGreaterThanOrEqual(
        gptImageOutputTokens('gpt-image-1', size, 'high'),
      );
    }
  });
});

describe('imageWorstCase', () => {
  it('gpt-image: prompt bytes, input images at the ceiling plus high fidelity, n images with their partials', () => {
    const worst = imageWorstCase(
      'gpt-image',
      'gpt-image-1',
      request({
        operation: 'edit',
        images: [file, file],
        mask: file,
        n: 2,
        size: '1024x1024',
        quality: 'low',
        stream: true,
        partialImages: 3,
      }),
      undefined,
    );
    expect(worst).toEqual({
      inputTextTokens: 6,
      inputImageTokens: 3 * (IMAGE_TOKENS_CEILING + HIGH_FIDELITY_EXTRA_TOKENS),
      outputImageTokens: 2 * (272 + 300),
      outputTextTokens: 0,
      units: {},
    });
  });

  it('dall-e: n images at image:<size>:<quality>', () => {
    expect(
      imageWorstCase('dall-e-3', 'dall-e-3', request({ size: '1024x1792', quality: 'hd' }), undefined).units,
    ).toEqual({
      'image:1024x1792:hd': 1,
    });
    expect(imageWorstCase('dall-e-2', 'dall-e-2', request({ n: 3 }), undefined).units).toEqual({
      'image:1024x1024:standard': 3,
    });
  });

  it("gemini-image: the model's whole output limit at the image rate", () => {
    expect(imageWorstCase('gemini-image', 'gemini-2.5-flash-image', request(), 32_768).outputImageTokens).toBe(32_768);
  });

  it('imagen: n images', () => {
    expect(imageWorstCase('imagen', 'imagen-4.0-generate-001', request({ n: 4 }), undefined).units).toEqual({
      image: 4,
    });
  });
});

describe('image usage for billing', () => {
  it('the worst case keeps image tokens part of the totals', () => {
    const usage = worstCaseUsage({
      inputTextTokens: 10,
      inputImageTokens: 5,
      outputImageTokens: 100,
      outputTextTokens: 7,
      units: {},
    });
    expect(usage.inputTokens).toEqual({ total: 15, noCache: 15, image: 5 });
    expect(usage.outputTokens).toEqual({ total: 107, text: 7, image: 100 });
    expect(usage.units).toBeUndefined();
  });

  it('settles per image from the images delivered, or tokens from the usage', () => {
    const worst = imageWorstCase('dall-e-2', 'dall-e-2', request({ n: 3, size: '512x512' }), undefined);
    const settled = settledUsage('dall-e-2', request({ n: 3, size: '512x512' }), { images: [{}, {}] }, worst);
    expect(settled).toEqual({
      usage: { inputTokens: {}, outputTokens: {}, units: { 'image:512x512:standard': 2 } },
      estimated: false,
    });
    const tokens = settledUsage(
      'gpt-image',
      request(),
      {
        images: [{}],
        usage: { inputTokens: 20, inputTextTokens: 12, inputImageTokens: 8, outputTokens: 272, outputImageTokens: 272 },
      },
      imageWorstCase('gpt-image', 'gpt-image-1', request(), undefined),
    );
    expect(tokens.usage.inputTokens).toEqual({ total: 20, noCache: 20, image: 8 });
    expect(tokens.usage.outputTokens).toEqual({ total: 272, text: 0, image: 272 });
    expect(tokens.estimated).toBe(false);
  });
});
