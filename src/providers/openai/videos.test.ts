import { describe, expect, it } from 'vitest';
import { decodeOpenAIVideoPoll, encodeOpenAIVideoSubmission, openAIVideoRequest } from './videos.js';

const target = { baseUrl: 'https://api.openai.com/v1/', apiKey: 'sk-up', model: 'sora-2-pro' };
const asked = { seconds: 8, size: '1280x720' };

describe('OpenAI videos wire format', () => {
  it('submits JSON with the channel model, seconds as a string, and a URL reference as {image_url}', () => {
    const spec = encodeOpenAIVideoSubmission(
      {
        model: 'my-sora',
        prompt: 'a cat',
        seconds: 8,
        size: '1280x720',
        inputReference: { kind: 'url', url: 'https://x/i.png' },
      },
      target,
    );
    expect(spec).toMatchObject({ method: 'POST', url: 'https://api.openai.com/v1/videos' });
    expect(spec.headers).toMatchObject({ authorization: 'Bearer sk-up', 'content-type': 'application/json' });
    expect(JSON.parse(spec.body as string)).toEqual({
      model: 'sora-2-pro',
      prompt: 'a cat',
      seconds: '8',
      size: '1280x720',
      input_reference: { image_url: 'https://x/i.png' },
    });
  });

  it('uploads a reference image as multipart input_reference, which a WHATWG parser reads back', async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const spec = encodeOpenAIVideoSubmission(
      {
        model: 'sora-2',
        prompt: 'a "dog"',
        seconds: 4,
        size: '720x1280',
        inputReference: { kind: 'file', bytes, filename: 'ref.png', contentType: 'image/png' },
      },
      target,
      'BOUNDARY',
    );
    expect(spec.headers['content-type']).toBe('multipart/form-data; boundary=BOUNDARY');
    const form = await new Response(spec.body as Uint8Array, {
      headers: { 'content-type': spec.headers['content-type'] },
    }).formData();
    expect(form.get('prompt')).toBe('a "dog"');
    expect(form.get('seconds')).toBe('4');
    expect(form.get('model')).toBe('sora-2-pro');
    const file = form.get('input_reference') as File;
    expect(file.name).toBe('ref.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it('addresses retrieve, content variants and delete by the vendor id', () => {
    expect(openAIVideoRequest(target, 'video_1', 'retrieve')).toMatchObject({
      method: 'GET',
      url: 'https://api.openai.com/v1/videos/video_1',
    });
    expect(openAIVideoRequest(target, 'video_1', { content: 'thumbnail' }).url).toBe(
      'https://api.openai.com/v1/videos/video_1/content?variant=thumbnail',
    );
    expect(openAIVideoRequest(target, 'video_1', 'delete').method).toBe('DELETE');
  });

  it('reads pending, completed (billed by the seconds and size made) and failed videos', () => {
    expect(decodeOpenAIVideoPoll({ status: 'in_progress', progress: 33.4 }, asked)).toEqual({
      state: 'pending',
      status: 'in_progress',
      progress: 33,
    });
    expect(
      decodeOpenAIVideoPoll({ status: 'completed', seconds: '4', size: '1280x720', expires_at: 99 }, asked),
    ).toEqual({
      state: 'completed',
      result: { seconds: 4, size: '1280x720', expiresAt: 99 },
      units: { 'video_second:1280x720': 4 },
    });
    expect(
      decodeOpenAIVideoPoll({ status: 'failed', error: { code: 'moderation_blocked', message: 'no' } }, asked),
    ).toEqual({
      state: 'failed',
      error: { code: 'moderation_blocked', message: 'no' },
    });
    expect(() => decodeOpenAIVideoPoll({ status: 'weird' }, asked)).toThrow(/unknown status/);
  });
});
