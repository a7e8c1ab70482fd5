import { describe, expect, it } from 'vitest';
import { audioMetering, speechCharge, speechWorst, transcriptionCharge, transcriptionWorst } from './audio-charge.js';
import type { SpeechRequest } from './speech-types.js';
import type { TranscriptionRequest } from './transcription-types.js';
import { GEMINI_SPEECH_PCM, wavHeader } from './wav.js';

const speech = (input: string): SpeechRequest => ({
  model: 'm',
  input,
  voice: 'alloy',
  format: 'mp3',
  streamFormat: 'audio',
});
const transcription = (bytes: Buffer): TranscriptionRequest => ({
  task: 'transcribe',
  model: 'm',
  file: { bytes, filename: 'a', contentType: 'audio/wav' },
  format: 'json',
  stream: false,
  extraFields: [],
});

describe('audio charges', () => {
  it('meters by the upstream model', () => {
    expect(audioMetering('tts-1')).toBe('character');
    expect(audioMetering('tts-1-hd')).toBe('character');
    expect(audioMetering('whisper-1')).toBe('audio_second');
    expect(audioMetering('gpt-4o-mini-tts')).toBe('tokens');
    expect(audioMetering('gemini-2.5-flash-preview-tts')).toBe('tokens');
  });

  it('holds a full 4,096-character speech at 35,416 audio tokens for OpenAI, at the model limit for Gemini', () => {
    const full = speech('a'.repeat(4096));
    expect(speechWorst(full, 'tokens', 'openai', undefined).outputTokens).toBe(35_416);
    expect(speechWorst(full, 'tokens', 'gemini', 16_384).outputTokens).toBe(16_384);
    expect(speechWorst(speech('héllo'), 'character', 'openai', undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      units: { character: 5 },
    });
  });

  it('charges reported tokens exactly, and estimates (marked) without them', () => {
    expect(speechCharge(speech('hi'), 'tokens', { inputTokens: 3, outputTokens: 90 }, 9)).toEqual({
      charge: { inputTokens: 3, outputTokens: 90 },
      estimated: false,
    });
    expect(speechCharge(speech('a'.repeat(100)), 'tokens', undefined, 9)).toEqual({
      charge: { inputTokens: 9, outputTokens: 140, outputAudioTokens: 140 },
      estimated: true,
    });
  });

  it('keeps the audio parts the vendor reported, capped at their totals', () => {
    const usage = { inputTokens: 12, outputTokens: 900, outputAudioTokens: 900 };
    expect(speechCharge(speech('hi'), 'tokens', usage, 9).charge).toEqual({
      inputTokens: 12,
      outputTokens: 900,
      outputAudioTokens: 900,
    });
    const clip = { inputTokens: 250, inputAudioTokens: 300, outputTokens: 20 };
    expect(
      transcriptionCharge(transcription(Buffer.alloc(8)), 'tokens', clip, { inputTokens: 1, outputTokens: 1 }),
    ).toEqual({
      charge: { inputTokens: 250, inputAudioTokens: 250, outputTokens: 20 },
      estimated: false,
    });
  });

  it("bounds a WAV's seconds by its header and other files by 500 bytes a second; bills the reported duration", () => {
    const wav = Buffer.concat([wavHeader(48_000 * 3, GEMINI_SPEECH_PCM), Buffer.alloc(48_000 * 3)]);
    expect(transcriptionWorst(transcription(wav), 'audio_second', undefined).units).toEqual({ audio_second: 3 });
    expect(transcriptionWorst(transcription(Buffer.alloc(10_001)), 'audio_second', undefined).units).toEqual({
      audio_second: 21,
    });
    expect(
      transcriptionCharge(transcription(wav), 'audio_second', { seconds: 2.2 }, { inputTokens: 0, outputTokens: 0 }),
    ).toEqual({
      charge: { inputTokens: 0, outputTokens: 0, units: { audio_second: 3 } },
      estimated: false,
    });
    expect(transcriptionWorst(transcription(Buffer.alloc(16_000)), 'tokens', 2000)).toEqual({
      inputTokens: 1600 + 1000 + 64,
      outputTokens: 2000,
    });
  });
});
