import { describe, expect, it } from 'vitest';
import type { ImageRequest } from '../../images/image-types.js';
import type { ProviderContext } from '../provider.js';
import { emptyImageStreamTally, tallyImageStreamEvent } from './image-stream-usage.js';
import { decodeOpenAIImages, encodeOpenAIImages } from './images.js';

const context: ProviderContext = {
  target: { baseUrl: 'https://api.openai.com/v1/', apiKey: 'sk-up', model: 'gpt-image-1' },
  generateId: () => 'fixedboundary0123456789',
  now: () => 0,
};
const request = (overrides: Partial<ImageRequest> = {}): ImageRequest => ({
  operation: 'generation',
  model: 'my-alias',
  prompt: 'an otter',
  n: 1,
  stream: false,
  images: [],
  ...overrides,
});

describe('encodeOpenAIImages', () => {
  it('sends a generation as JSON with the channel model and the parameters given', () => {
    const encoded = encodeOpenAIImages(
      request({ n: 2, size: '1024x1024', quality: 'low', stream: true, partialImages: 1 }),
      context,
    );
    expect(encoded.http.url).toBe('https://api.openai.com/v1/images/generations');
    expect(encoded.http.headers.authorization).toBe('Bearer sk-up');
    expect(JSON.parse(encoded.http.body)).toEqual({
      model: 'gpt-image-1',
      prompt: 'an otter',
      n: 2,
      size: '1024x1024',
      quality: 'low',
      partial_images: 1,
      stream: true,
    });
  });

  it('sends an edit as multipart: image[] per file when several, then the mask, readable by a form parser', async () => {
    const file = (name: string, byte: number) => ({
      bytes: new Uint8Array([byte, 0, 13, 10]),
      filename: name,
      contentType: 'image/png',
    });
    const encoded = encodeOpenAIImages(
      request({
        operation: 'edit',
        images: [file('a.png', 1), file('b "2".png', 2)],
        mask: file('mask.png', 3),
        inputFidelity: 'high',
      }),
      context,
    );
    expect(encoded.http.url).toBe('https://api.openai.com/v1/images/edits');
    const contentType = encoded.http.headers['content-type'];
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(encoded.http.bodyBytes, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('model')).toBe('gpt-image-1');
    expect(form.get('input_fidelity')).toBe('high');
    const images = form.getAll('image[]') as File[];
    expect(images.map((image) => image.name)).toEqual(['a.png', 'b "2".png']);
    expect([...new Uint8Array(await images[1].arrayBuffer())]).toEqual([2, 0, 13, 10]);
    expect((form.get('mask') as File).type).toBe('image/png');
    expect(form.has('image')).toBe(false);
  });

  it('names a single edit image `image`', async () => {
    const encoded = encodeOpenAIImages(
      request({
        operation: 'edit',
        images: [{ bytes: new Uint8Array([1]), filename: 'a.png', contentType: 'image/png' }],
      }),
      context,
    );
    const form = await new Response(encoded.http.bodyBytes, {
      headers: { 'content-type': encoded.http.headers['content-type'] },
    }).formData();
    expect(form.getAll('image')).toHaveLength(1);
  });
});

describe('decodeOpenAIImages', () => {
  it('reads images, what was made, and the token usage by class', () => {
    const result = decodeOpenAIImages(request(), {
      created: 1770935251,
      background: 'opaque',
      data: [{ b64_json: 'AAA' }],
      output_format: 'png',
      quality: 'high',
      size: '1024x1024',
      usage: {
        input_tokens: 50,
        input_tokens_details: { text_tokens: 10, image_tokens: 40 },
        output_tokens: 4160,
        total_tokens: 4210,
      },
    });
    expect(result).toMatchObject({
      created: 1770935251,
      images: [{ b64Json: 'AAA' }],
      background: 'opaque',
      outputFormat: 'png',
      quality: 'high',
      size: '1024x1024',
      usage: {
        inputTokens: 50,
        inputTextTokens: 10,
        inputImageTokens: 40,
        outputTokens: 4160,
        outputImageTokens: 4160,
      },
    });
  });

  it('reads DALL·E urls and revised prompts, without usage', () => {
    const result = decodeOpenAIImages(request(), {
      created: 1,
      data: [{ url: 'https://x/y.png', revised_prompt: 'better' }],
    });
    expect(result.images).toEqual([{ url: 'https://x/y.png', revisedPrompt: 'better' }]);
    expect(result.usage).toBeUndefined();
  });

  it('refuses an answer that is not images', () => {
    expect(() => decodeOpenAIImages(request(), { error: {} })).toThrow(/without a `data` list/);
    expect(() => decodeOpenAIImages(request(), { data: [{}] })).toThrow(/neither/);
  });
});

describe('image stream tally', () => {
  it('sums the completed events usage, counts partials, keeps an error', () => {
    const tally = emptyImageStreamTally();
    const usage = {
      input_tokens: 10,
      input_tokens_details: { text_tokens: 10, image_tokens: 0 },
      output_tokens: 272,
      total_tokens: 282,
    };
    const events = [
      { type: 'image_generation.partial_image', b64_json: 'p', partial_image_index: 0 },
      { type: 'image_generation.completed', b64_json: 'a', usage },
      { type: 'image_generation.completed', b64_json: 'b', usage },
    ];
    for (const event of events) tallyImageStreamEvent(tally, { event: event.type, data: JSON.stringify(event) });
    tallyImageStreamEvent(tally, { data: 'not json' });
    expect(tally).toMatchObject({
      completed: 2,
      partials: 1,
      usage: { inputTokens: 20, outputTokens: 544, outputImageTokens: 544 },
    });
    tallyImageStreamEvent(tally, { event: 'error', data: JSON.stringify({ type: 'error', error: { message: 'x' } }) });
    expect(tally.error).toEqual({ message: 'x' });
  });
});
