import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { decodeImageEditRequest, decodeImageGenerationRequest, type ImageForm } from './image-request.js';

const png = (size = 4) => ({ bytes: new Uint8Array(size).fill(1), filename: 'a.png', contentType: 'image/png' });

function refusal(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('decodeImageGenerationRequest', () => {
  it('reads every OpenAI parameter', () => {
    const request = decodeImageGenerationRequest({
      model: 'gpt-image-1',
      prompt: 'an otter',
      n: 2,
      size: '1024x1536',
      quality: 'high',
      background: 'transparent',
      output_format: 'webp',
      output_compression: 80,
      moderation: 'low',
      stream: true,
      partial_images: 2,
      user: 'u-1',
    });
    expect(request).toEqual({
      operation: 'generation',
      model: 'gpt-image-1',
      prompt: 'an otter',
      n: 2,
      size: '1024x1536',
      quality: 'high',
      background: 'transparent',
      outputFormat: 'webp',
      outputCompression: 80,
      moderation: 'low',
      stream: true,
      partialImages: 2,
      user: 'u-1',
      images: [],
    });
  });

  it('defaults n to 1 and stream to false', () => {
    expect(decodeImageGenerationRequest({ model: 'dall-e-3', prompt: 'x' })).toMatchObject({ n: 1, stream: false });
  });

  it.each([
    [{ prompt: 'x' }, 'model'],
    [{ model: 'dall-e-3' }, 'prompt'],
    [{ model: 'dall-e-3', prompt: 'x', n: 11 }, 'n'],
    [{ model: 'dall-e-3', prompt: 'x', n: 0 }, 'n'],
    [{ model: 'dall-e-3', prompt: 'x', quality: 'ultra' }, 'quality'],
    [{ model: 'dall-e-3', prompt: 'x', response_format: 'png' }, 'response_format'],
    [{ model: 'gpt-image-1', prompt: 'x', partial_images: 4 }, 'partial_images'],
    [{ model: 'gpt-image-1', prompt: 'x', output_compression: 101 }, 'output_compression'],
    [{ model: 'gpt-image-1', prompt: 'x', background: 'transparent', output_format: 'jpeg' }, 'background'],
    [{ model: 'gpt-image-1', prompt: 'x', stream: 'yes' }, 'stream'],
  ])('refuses %j with a 400 naming %s', (body, param) => {
    const error = refusal(() => decodeImageGenerationRequest(body));
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
  });

  it('refuses a body that is not an object', () => {
    expect(refusal(() => decodeImageGenerationRequest([1])).status).toBe(400);
  });
});

describe('decodeImageEditRequest', () => {
  const form = (files: ImageForm['files'], fields: Record<string, string> = {}): ImageForm => ({
    fields: { model: 'gpt-image-1', prompt: 'add a hat', ...fields },
    files,
  });

  it('takes one image, converts numeric and boolean fields', () => {
    const request = decodeImageEditRequest(
      form({ image: [png()], mask: [png(2)] }, { n: '2', stream: 'true', partial_images: '1' }),
    );
    expect(request).toMatchObject({ operation: 'edit', n: 2, stream: true, partialImages: 1 });
    expect(request.images).toHaveLength(1);
    expect(request.mask?.bytes).toHaveLength(2);
  });

  it('takes several images as image[] (as openai-node sends an array), in order', () => {
    const first = { ...png(), filename: 'first.png' };
    const second = { ...png(), filename: 'second.png' };
    const request = decodeImageEditRequest(form({ 'image[]': [first, second] }));
    expect(request.images.map((image) => image.filename)).toEqual(['first.png', 'second.png']);
  });

  it.each([
    [form({}), 'image'],
    [form({ image: Array.from({ length: 17 }, () => png()) }), 'image'],
    [form({ image: [png(0)] }), 'image'],
    [form({ image: [png()], mask: [png(), png()] }), 'mask'],
    [form({ image: [png()], photo: [png()] }), 'photo'],
    [form({ image: [png()] }, { image: 'not a file' }), 'image'],
    [form({ image: [png()] }, { n: 'two' }), 'n'],
    [form({ image: [png()] }, { stream: 'maybe' }), 'stream'],
  ])('refuses a wrong form with a 400 (%#)', (input, param) => {
    const error = refusal(() => decodeImageEditRequest(input));
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
  });
});
