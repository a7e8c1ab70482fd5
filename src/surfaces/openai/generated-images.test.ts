import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeChatCompletionRequest } from './decode-request.js';
import { encodeChatCompletion } from './encode-result.js';
import { decodeGeneratedImages, encodeGeneratedImage } from './generated-images.js';
import { ChatCompletionStreamEncoder } from './stream-encoder.js';

const meta = { id: 'chatcmpl-1', created: 1, model: 'gemini-2.5-flash-image', provider: 'gemini' };

describe('generated images in Chat Completions', () => {
  it('puts answer images in message.images as data URLs, the signature sealed with its issuer', () => {
    const body = encodeChatCompletion(
      {
        choices: [
          {
            index: 0,
            content: [
              { type: 'text', text: 'A cat.' },
              { type: 'generated-image', mediaType: 'image/png', data: 'iVBOR', signature: 'sigI' },
              { type: 'generated-image', mediaType: 'image/jpeg', data: '/9j/' },
            ],
            finishReason: { unified: 'stop', raw: 'STOP' },
          },
        ],
      },
      meta,
    );
    const message = (body.choices as Array<{ message: Record<string, unknown> }>)[0]!.message;
    expect(message.content).toBe('A cat.');
    expect(message.images).toEqual([
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' }, signature: 'aihub.v1.gemini.sigI' },
      { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } },
    ]);
  });

  it('has no images field when the answer has none', () => {
    const body = encodeChatCompletion(
      { choices: [{ index: 0, content: [{ type: 'text', text: 'hi' }], finishReason: { unified: 'stop' } }] },
      meta,
    );
    expect((body.choices as Array<{ message: Record<string, unknown> }>)[0]!.message).not.toHaveProperty('images');
  });

  it('streams an image as delta.images in the chunk where it arrives', () => {
    const encoder = new ChatCompletionStreamEncoder({ ...meta, includeUsage: false });
    const frame = encoder.encode({ type: 'generated-image', mediaType: 'image/png', data: 'iVBOR', signature: 's' });
    const chunk = JSON.parse(frame.replace(/^data: /, ''));
    expect(chunk.choices).toEqual([
      {
        index: 0,
        delta: {
          role: 'assistant',
          images: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' }, signature: 'aihub.v1.gemini.s' },
          ],
        },
        logprobs: null,
        finish_reason: null,
      },
    ]);
  });

  it('decodes images sent back on an assistant message, opening the sealed signature', () => {
    const request = decodeChatCompletionRequest({
      model: 'gemini-3-pro-image-preview',
      modalities: ['image', 'text'],
      image_config: { aspect_ratio: '16:9', image_size: '2K' },
      messages: [
        { role: 'user', content: 'Draw a cat' },
        {
          role: 'assistant',
          content: 'A cat.',
          images: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' }, signature: 'aihub.v1.gemini.sigI' },
            { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklG' } },
          ],
        },
        { role: 'user', content: 'Make it blue' },
      ],
    });
    expect(request.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'A cat.' },
        {
          type: 'generated-image',
          mediaType: 'image/png',
          data: 'iVBOR',
          signature: 'sigI',
          signatureProvider: 'gemini',
        },
        { type: 'generated-image', mediaType: 'image/webp', data: 'UklG' },
      ],
    });
    expect(request.outputModalities).toEqual(['image', 'text']);
    expect(request.imageConfig).toEqual({ aspectRatio: '16:9', imageSize: '2K' });
    // Still sent verbatim to an OpenAI-compatible upstream.
    expect(request.extraBody).toEqual({
      modalities: ['image', 'text'],
      image_config: { aspect_ratio: '16:9', image_size: '2K' },
    });
  });

  it('round-trips: what the encoder writes, the decoder reads back', () => {
    const image = { type: 'generated-image' as const, mediaType: 'image/png', data: 'QUJD', signature: 'sig' };
    expect(decodeGeneratedImages([encodeGeneratedImage(image, 'gemini')], 'messages[1]')).toEqual([
      { ...image, signatureProvider: 'gemini' },
    ]);
  });

  it('refuses an assistant image that is not a data URL, and bad modalities, with a 400', () => {
    const call = (body: Record<string, unknown>) => () =>
      decodeChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], ...body });
    const history = {
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: '', images: [{ type: 'image_url', image_url: { url: 'https://e/x.png' } }] },
      ],
    };
    expect(call(history)).toThrow(GatewayError);
    try {
      call(history)();
    } catch (error) {
      expect((error as GatewayError).status).toBe(400);
      expect((error as GatewayError).param).toBe('messages[1].images[0].image_url.url');
    }
    expect(call({ modalities: ['video'] })).toThrow(GatewayError);
    expect(call({ modalities: 'image' })).toThrow(GatewayError);
    expect(call({ image_config: { aspect_ratio: 16 } })).toThrow(GatewayError);
  });
});
