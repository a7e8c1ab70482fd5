import { describe, expect, it } from 'vitest';
import { isVideoFinished, videoContentPath, videoOptions, videoProgress, videoRequest } from './video-request';

const settings = { model: 'sora-2', prompt: 'a paper boat', seconds: '4', size: '1280x720' };

describe('videoRequest', () => {
  it('is JSON without an image', () => {
    expect(videoRequest(settings, null)).toEqual({ json: settings });
  });

  it('is a form with input_reference when an image goes with it', () => {
    const request = videoRequest(settings, new File([new Uint8Array([1])], 'boat.png', { type: 'image/png' }));
    if (!('form' in request)) throw new Error('expected a form');
    expect(request.form.get('model')).toBe('sora-2');
    expect(request.form.get('seconds')).toBe('4');
    expect((request.form.get('input_reference') as File).name).toBe('boat.png');
  });
});

describe('video status', () => {
  it('knows when a job has ended', () => {
    expect(isVideoFinished('queued')).toBe(false);
    expect(isVideoFinished('in_progress')).toBe(false);
    expect(isVideoFinished('completed')).toBe(true);
    expect(isVideoFinished('failed')).toBe(true);
  });

  it('reads progress within 0–100, and a completed job as 100', () => {
    expect(videoProgress({ status: 'in_progress', progress: 42.4 })).toBe(42);
    expect(videoProgress({ status: 'in_progress', progress: 140 })).toBe(100);
    expect(videoProgress({ status: 'queued' })).toBe(0);
    expect(videoProgress({ status: 'completed', progress: 0 })).toBe(100);
  });

  it('escapes the id in paths', () => {
    expect(videoContentPath('video_1/../x')).toBe('/v1/videos/video_1%2F..%2Fx/content');
  });
});

describe('videoOptions', () => {
  it('offers each family’s lengths and sizes, its default first', () => {
    expect(videoOptions('sora-2')).toEqual({
      seconds: ['4', '8', '12'],
      sizes: ['720x1280', '1280x720', '1024x1792', '1792x1024'],
    });
    expect(videoOptions('veo-3.1-fast-generate-preview').seconds).toEqual(['8', '6', '4']);
    expect(videoOptions('google/veo-2.0-generate-001').seconds).toEqual(['8', '7', '6', '5']);
    expect(videoOptions('veo-3.0-generate-001').sizes).toContain('1920x1080');
  });
});
