import { describe, expect, it } from 'vitest';
import { canEditImages, modelsForMode } from './mode-models';

const routable = [
  { id: 'gpt-4.1-mini', kind: 'chat' },
  { id: 'gpt-image-1', kind: 'image' },
  { id: 'gemini-2.5-flash-image', kind: 'image' },
  { id: 'tts-1', kind: 'audio' },
  { id: 'gpt-4o-mini-tts', kind: 'audio' },
  { id: 'gemini-2.5-flash-preview-tts', kind: 'audio' },
  { id: 'whisper-1', kind: 'audio' },
  { id: 'sora-2', kind: 'other' },
  { id: 'veo-3.1-fast-generate-preview', kind: 'video' },
  { id: 'omni-moderation-latest', kind: 'other' },
  { id: 'my-fine-tune' },
];

const ids = (mode: Parameters<typeof modelsForMode>[0]) => modelsForMode(mode, routable).map((model) => model.id);

describe('modelsForMode', () => {
  it('offers image models for images', () => {
    expect(ids('images')).toEqual(['gpt-image-1', 'gemini-2.5-flash-image']);
  });

  it('offers text-to-speech models for speech, not transcription ones', () => {
    expect(ids('speech')).toEqual(['tts-1', 'gpt-4o-mini-tts', 'gemini-2.5-flash-preview-tts']);
  });

  it('offers Sora and Veo for video, whether the catalog calls them video or other', () => {
    expect(ids('video')).toEqual(['sora-2', 'veo-3.1-fast-generate-preview']);
  });
});

describe('canEditImages', () => {
  it.each([
    ['gpt-image-1', true],
    ['gemini-2.5-flash-image', true],
    ['dall-e-2', true],
    ['dall-e-3', false],
    ['imagen-4.0-generate-001', false],
  ])('%s → %s', (model, expected) => {
    expect(canEditImages(model)).toBe(expected);
  });
});
