import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import {
  aspectRatioOf,
  assertFamilyAccepts,
  type ImageFamily,
  imageFamilyOf,
  nearestAspectRatio,
} from './image-models.js';

const base = { operation: 'generation' as const, n: 1, stream: false, images: [] };

function paramRefused(family: ImageFamily, model: string, request: Partial<Parameters<typeof assertFamilyAccepts>[2]>) {
  try {
    assertFamilyAccepts(family, model, { ...base, ...request });
  } catch (error) {
    if (error instanceof GatewayError && error.status === 400) return error.param;
    throw error;
  }
  return undefined;
}

describe('imageFamilyOf', () => {
  it.each([
    ['gpt-image-1', 'gpt-image'],
    ['gpt-image-2-2026-04-21', 'gpt-image'],
    ['chatgpt-image-latest', 'gpt-image'],
    ['dall-e-3', 'dall-e-3'],
    ['dall-e-2', 'dall-e-2'],
    ['gemini-2.5-flash-image', 'gemini-image'],
    ['models/gemini-3-pro-image-preview', 'gemini-image'],
    ['imagen-4.0-generate-001', 'imagen'],
    ['gpt-4o', undefined],
  ])('%s is %s', (model, family) => {
    expect(imageFamilyOf(model)).toBe(family);
  });
});

describe('assertFamilyAccepts', () => {
  it('takes each family at its sizes', () => {
    expect(paramRefused('dall-e-3', 'dall-e-3', { size: '1792x1024', quality: 'hd' })).toBeUndefined();
    expect(paramRefused('dall-e-2', 'dall-e-2', { size: '256x256' })).toBeUndefined();
    expect(paramRefused('gpt-image', 'gpt-image-1', { size: '1536x1024', quality: 'low' })).toBeUndefined();
    expect(paramRefused('gpt-image', 'gpt-image-2', { size: '1536x864' })).toBeUndefined();
    expect(paramRefused('gemini-image', 'gemini-2.5-flash-image', { size: '1920x1080' })).toBeUndefined();
    expect(paramRefused('imagen', 'imagen-4.0-generate-001', { size: '1024x768', n: 4 })).toBeUndefined();
  });

  it.each([
    ['dall-e-3', 'dall-e-3', { size: '512x512' }, 'size'],
    ['dall-e-2', 'dall-e-2', { size: '1792x1024' }, 'size'],
    ['gpt-image', 'gpt-image-1', { size: '1536x864' }, 'size'],
    ['gpt-image', 'gpt-image-2', { size: '1000x1000' }, 'size'],
    ['gpt-image', 'gpt-image-2', { size: '4096x1024' }, 'size'],
    ['imagen', 'imagen-4.0-generate-001', { size: 'large' }, 'size'],
    ['dall-e-3', 'dall-e-3', { quality: 'high' }, 'quality'],
    ['gpt-image', 'gpt-image-1', { quality: 'hd' }, 'quality'],
    ['dall-e-3', 'dall-e-3', { n: 2 }, 'n'],
    ['gemini-image', 'gemini-2.5-flash-image', { n: 2 }, 'n'],
    ['imagen', 'imagen-4.0-generate-001', { n: 5 }, 'n'],
    ['gpt-image', 'gpt-image-1', { responseFormat: 'url' }, 'response_format'],
    ['dall-e-2', 'dall-e-2', { style: 'vivid' }, 'style'],
    ['dall-e-3', 'dall-e-3', { stream: true }, 'stream'],
    ['dall-e-3', 'dall-e-3', { operation: 'edit' as const, images: [1] }, 'model'],
    ['dall-e-2', 'dall-e-2', { operation: 'edit' as const, images: [1, 2] }, 'image'],
  ] as const)('%s (%s) refuses %j naming %s', (family, model, request, param) => {
    expect(paramRefused(family, model, request)).toBe(param);
  });
});

it('nearestAspectRatio maps OpenAI sizes to the ratios Gemini and Imagen take', () => {
  expect(nearestAspectRatio('1024x1792', 'imagen')).toBe('9:16');
  expect(nearestAspectRatio('1536x1024', 'imagen')).toBe('4:3');
  expect(nearestAspectRatio('1536x1024', 'gemini-image')).toBe('3:2');
  expect(nearestAspectRatio('2520x1080', 'gemini-image')).toBe('21:9');
  expect(nearestAspectRatio('auto', 'imagen')).toBeUndefined();
});

it('aspectRatioOf reduces a size', () => {
  expect(aspectRatioOf('1536x1024')).toBe('3:2');
  expect(aspectRatioOf('1920x1080')).toBe('16:9');
  expect(aspectRatioOf('auto')).toBeUndefined();
});
