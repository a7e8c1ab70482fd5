import { describe, expect, it } from 'vitest';
import { GEMINI_SPEECH_PCM, wavDurationSeconds, wavHeader } from './wav.js';

describe('WAV', () => {
  it("wraps Gemini's PCM in a header whose duration reads back", () => {
    const pcm = Buffer.alloc(48_000 * 2);
    const wav = Buffer.concat([wavHeader(pcm.length, GEMINI_SPEECH_PCM), pcm]);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(36 + pcm.length);
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(wav.readUInt32LE(28)).toBe(48_000);
    expect(wavDurationSeconds(wav)).toBe(2);
  });

  it('bounds the duration by the bytes present, and reads nothing from a file that is not a WAV', () => {
    const header = wavHeader(1_000_000, GEMINI_SPEECH_PCM);
    expect(wavDurationSeconds(Buffer.concat([header, Buffer.alloc(4_800)]))).toBe(0.1);
    expect(wavDurationSeconds(Buffer.from([0xff, 0xfb, 0x90, 0x64]))).toBeUndefined();
  });
});
