import { describe, expect, it } from 'vitest';
import { decodeVideoRequest } from './video-request.js';

describe('decodeVideoRequest', () => {
  it('defaults like the vendors: sora-2, 4 s at 720x1280; Veo 8 s at 1280x720', () => {
    expect(decodeVideoRequest({ fields: { prompt: 'a cat' } })).toEqual({
      model: 'sora-2',
      prompt: 'a cat',
      seconds: 4,
      size: '720x1280',
    });
    expect(decodeVideoRequest({ fields: { prompt: 'x', model: 'veo-3.1-fast-generate-preview' } })).toMatchObject({
      seconds: 8,
      size: '1280x720',
    });
  });

  it.each([
    [{ model: 'sora-2' }, 'prompt'],
    [{ prompt: 'x', seconds: '5' }, 'seconds'],
    [{ prompt: 'x', seconds: 'four' }, 'seconds'],
    [{ prompt: 'x', model: 'veo-2.0-generate-001', seconds: '4' }, 'seconds'],
    [{ prompt: 'x', size: '1280 by 720' }, 'size'],
    [{ prompt: 'x', input_reference: { file_id: 'file_1' } }, 'input_reference'],
    [{ prompt: ['x'] }, 'prompt'],
  ])('refuses %j naming %s', (fields, param) => {
    expect(() => decodeVideoRequest({ fields })).toThrow(expect.objectContaining({ status: 400, param }));
  });

  it('keeps an uploaded reference, or a JSON {image_url}', () => {
    const file = { kind: 'file' as const, bytes: new Uint8Array([1]), filename: 'a.png', contentType: 'image/png' };
    expect(decodeVideoRequest({ fields: { prompt: 'x', seconds: 8 }, file })).toMatchObject({
      seconds: 8,
      inputReference: file,
    });
    expect(
      decodeVideoRequest({ fields: { prompt: 'x', input_reference: { image_url: 'data:image/png;base64,AA==' } } })
        .inputReference,
    ).toEqual({
      kind: 'url',
      url: 'data:image/png;base64,AA==',
    });
  });
});
