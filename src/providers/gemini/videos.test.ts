import { describe, expect, it } from 'vitest';
import {
  decodeVeoOperation,
  decodeVeoOperationName,
  encodeVeoSubmission,
  veoDownloadRequest,
  veoOperationRequest,
} from './videos.js';

const target = {
  baseUrl: 'https://generativelanguage.googleapis.com',
  apiKey: 'g-key',
  model: 'veo-3.1-generate-preview',
};
const asked = { seconds: 8, size: '1920x1080' };

describe('Veo wire format (Gemini API long-running operations)', () => {
  it('starts predictLongRunning with the shape as aspect ratio and resolution, and an uploaded image inline', () => {
    const spec = encodeVeoSubmission(
      {
        model: 'veo',
        prompt: 'waves',
        seconds: 8,
        size: '1080x1920',
        inputReference: { kind: 'file', bytes: new Uint8Array([1, 2, 3]), filename: 'a.png', contentType: 'image/png' },
      },
      target,
    );
    expect(spec.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-generate-preview:predictLongRunning',
    );
    expect(spec.headers['x-goog-api-key']).toBe('g-key');
    expect(JSON.parse(spec.body as string)).toEqual({
      instances: [{ prompt: 'waves', image: { bytesBase64Encoded: 'AQID', mimeType: 'image/png' } }],
      parameters: { sampleCount: 1, durationSeconds: 8, aspectRatio: '9:16', resolution: '1080p' },
    });
  });

  it('refuses a size Veo does not make, as the caller’s 400', () => {
    expect(() => encodeVeoSubmission({ model: 'veo', prompt: 'x', seconds: 8, size: '1024x1792' }, target)).toThrow(
      expect.objectContaining({ status: 400, param: 'size' }),
    );
  });

  it('polls the operation by name and reads done, error and filtered answers', () => {
    const name = decodeVeoOperationName({ name: 'models/veo-3.1-generate-preview/operations/abc123' });
    expect(veoOperationRequest(target, name).url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-generate-preview/operations/abc123',
    );
    expect(decodeVeoOperation({ name, done: false }, asked)).toMatchObject({ state: 'pending' });
    const uri = 'https://generativelanguage.googleapis.com/v1beta/files/f1:download?alt=media';
    expect(
      decodeVeoOperation(
        { name, done: true, response: { generateVideoResponse: { generatedSamples: [{ video: { uri } }] } } },
        asked,
      ),
    ).toEqual({
      state: 'completed',
      result: { seconds: 8, size: '1920x1080', uri },
      units: { 'video_second:1920x1080': 8 },
    });
    expect(decodeVeoOperation({ name, done: true, error: { code: 3, message: 'bad' } }, asked)).toMatchObject({
      state: 'failed',
      error: { message: 'bad' },
    });
    expect(
      decodeVeoOperation(
        {
          done: true,
          response: { generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ['unsafe'] } },
        },
        asked,
      ),
    ).toEqual({ state: 'failed', error: { code: 'moderation_blocked', message: 'unsafe' } });
  });

  it("sends the key only to the channel's own host", () => {
    expect(
      veoDownloadRequest(target, 'https://generativelanguage.googleapis.com/v1beta/files/f1:download?alt=media')
        .headers,
    ).toMatchObject({
      'x-goog-api-key': 'g-key',
    });
    expect(() => veoDownloadRequest(target, 'https://evil.example/steal')).toThrow(/does not send the channel key/);
  });
});
