import { AUDIO_BYTES_PER_TOKEN, AUDIO_FRAMING_TOKENS } from '../billing/media-bounds.js';
import type { AudioUsage } from './audio-usage.js';
import type { SpeechRequest } from './speech-types.js';
import type { TranscriptionRequest } from './transcription-types.js';
import { wavDurationSeconds } from './wav.js';

/**
 * What an audio call is billed for, in the billing foundation's terms (src/ir/usage.ts): input and
 * output tokens, and `units` billed per unit (`character` for tts-1, `audio_second` for whisper-1).
 */
export interface AudioCharge {
  inputTokens: number;
  outputTokens: number;
  /** The audio part of `inputTokens` (a transcription's clip), billed at the model's `inputAudio`. */
  inputAudioTokens?: number;
  /** The audio part of `outputTokens` (speech), billed at the model's `outputAudio`. */
  outputAudioTokens?: number;
  units?: Record<string, number>;
}

/**
 * How a model bills, decided by the id the upstream knows (a reseller bills OpenAI's models as
 * OpenAI does): tts-1 and tts-1-hd per character of input, Whisper per second of audio, the rest
 * (gpt-4o-mini-tts, gpt-4o-*-transcribe, Gemini) by tokens.
 */
export type AudioMetering = 'character' | 'audio_second' | 'tokens';

export function audioMetering(upstreamModel: string): AudioMetering {
  if (/^(.*\/)?tts-1(-hd)?(-\d+)?$/i.test(upstreamModel)) return 'character';
  if (/whisper/i.test(upstreamModel)) return 'audio_second';
  return 'tokens';
}

/** Characters as OpenAI counts a speech input: Unicode code points. */
export function speechCharacters(input: string): number {
  return [...input].length;
}

/**
 * The hold bound of a speech's audio output: the audio tokens its input can produce.
 * - OpenAI gpt-4o-mini-tts: audio output costs $12 per 1M tokens, quoted as ~$0.015 a minute,
 *   so ~20.8 tokens a second (platform.openai.com/docs/pricing). Speech runs at ~10-15
 *   characters a second; at the slowest `speed` (0.25), with instructions asking for slow
 *   speech, about 2.5 characters a second: ≤ 8.5 tokens a character, plus 600 for pauses and
 *   framing. A full 4,096-character input: 35,416 tokens.
 * - Gemini TTS: 32 tokens a second of audio (ai.google.dev/gemini-api/docs/tokens), so ≤ 13 a
 *   character; the models' output limit (16,384 tokens for the 2.5 TTS previews) caps it first.
 * The model's catalog output limit, when known, caps either.
 */
export const SPEECH_AUDIO_TOKENS_PER_CHARACTER = { openai: 8.5, gemini: 13 } as const;
export const SPEECH_AUDIO_FRAMING_TOKENS = 600;

export function speechOutputBound(
  characters: number,
  vendorFamily: 'openai' | 'gemini',
  maxOutputTokens: number | undefined,
): number {
  const bound = Math.ceil(characters * SPEECH_AUDIO_TOKENS_PER_CHARACTER[vendorFamily]) + SPEECH_AUDIO_FRAMING_TOKENS;
  return maxOutputTokens ? Math.min(bound, maxOutputTokens) : bound;
}

/** The text a speech sends (instructions and input): its UTF-8 bytes bound its tokens. */
function speechTextBytes(request: SpeechRequest): number {
  return Buffer.byteLength(request.input) + Buffer.byteLength(request.instructions ?? '') + 16;
}

/** The worst a speech can be billed: its characters, or its text bytes in and the audio bound out. */
export function speechWorst(
  request: SpeechRequest,
  metering: AudioMetering,
  vendorFamily: 'openai' | 'gemini',
  maxOutputTokens: number | undefined,
): AudioCharge {
  const characters = speechCharacters(request.input);
  if (metering === 'character') return { inputTokens: 0, outputTokens: 0, units: { character: characters } };
  return {
    inputTokens: speechTextBytes(request),
    outputTokens: speechOutputBound(characters, vendorFamily, maxOutputTokens),
  };
}

/**
 * The charge of a delivered speech: tts-1's characters (exact: known before the call), or the
 * vendor's token usage. Without usage (a stream cut before `speech.audio.done`): the text's
 * estimated tokens in, and ~1.4 audio tokens a character out (20.8 tokens a second over ~15
 * characters a second at speed 1, divided by the speed), marked estimated.
 */
export function speechCharge(
  request: SpeechRequest,
  metering: AudioMetering,
  usage: AudioUsage | undefined,
  estimatedInputTokens: number,
): { charge: AudioCharge; estimated: boolean } {
  const characters = speechCharacters(request.input);
  if (metering === 'character') {
    return { charge: { inputTokens: 0, outputTokens: 0, units: { character: characters } }, estimated: false };
  }
  if (usage?.inputTokens !== undefined && usage.outputTokens !== undefined) {
    return { charge: chargeOfTokens(usage, usage.inputTokens, usage.outputTokens), estimated: false };
  }
  // The estimate is of the audio a speech returns: all of it is audio tokens.
  const outputTokens = Math.ceil((characters * 1.4) / (request.speed ?? 1));
  return {
    charge: { inputTokens: estimatedInputTokens, outputTokens, outputAudioTokens: outputTokens },
    estimated: true,
  };
}

/**
 * Seconds of audio an upload can hold, at most: a PCM WAV's from its header (the bytes present
 * over its byte rate), any other file's from its size at the lowest bit rate the vendors accept
 * (≥ 500 bytes a second, media-bounds.ts).
 */
export function audioSecondsBound(file: Uint8Array): number {
  const wav = wavDurationSeconds(file);
  if (wav !== undefined) return Math.ceil(wav);
  return Math.ceil(file.byteLength / 500);
}

/** The output tokens of a transcript when the catalog knows no limit for the model. */
export const TRANSCRIPT_OUTPUT_TOKENS_FALLBACK = 16_384;

/** The worst a transcription can be billed: its seconds (Whisper), or the clip's and prompt's tokens in and the output limit out. */
export function transcriptionWorst(
  request: TranscriptionRequest,
  metering: AudioMetering,
  maxOutputTokens: number | undefined,
): AudioCharge {
  if (metering === 'audio_second') {
    return { inputTokens: 0, outputTokens: 0, units: { audio_second: audioSecondsBound(request.file.bytes) } };
  }
  const audioTokens = AUDIO_FRAMING_TOKENS + Math.ceil(request.file.bytes.byteLength / AUDIO_BYTES_PER_TOKEN);
  return {
    inputTokens: audioTokens + Buffer.byteLength(request.prompt ?? '') + 64,
    outputTokens: maxOutputTokens ?? TRANSCRIPT_OUTPUT_TOKENS_FALLBACK,
  };
}

/**
 * The charge of a transcript: Whisper's seconds (its `duration`, rounded up as OpenAI's
 * `usage.seconds` is), or the vendor's tokens. Without them: the WAV header's seconds, else the
 * bound; tokens counted from the transcript out and the clip's estimate in; marked estimated.
 */
export function transcriptionCharge(
  request: TranscriptionRequest,
  metering: AudioMetering,
  usage: AudioUsage | undefined,
  estimate: { inputTokens: number; outputTokens: number },
): { charge: AudioCharge; estimated: boolean } {
  if (metering === 'audio_second') {
    if (usage?.seconds !== undefined) {
      return {
        charge: { inputTokens: 0, outputTokens: 0, units: { audio_second: Math.ceil(usage.seconds) } },
        estimated: false,
      };
    }
    const seconds = audioSecondsBound(request.file.bytes);
    return { charge: { inputTokens: 0, outputTokens: 0, units: { audio_second: seconds } }, estimated: true };
  }
  if (usage?.inputTokens !== undefined && usage.outputTokens !== undefined) {
    return { charge: chargeOfTokens(usage, usage.inputTokens, usage.outputTokens), estimated: false };
  }
  return { charge: { ...estimate }, estimated: true };
}

/**
 * A token charge from the vendor's usage, with the audio parts it reported (each capped at its
 * total, so a vendor's inconsistency never bills a token twice).
 */
function chargeOfTokens(usage: AudioUsage, inputTokens: number, outputTokens: number): AudioCharge {
  const charge: AudioCharge = { inputTokens, outputTokens };
  if (usage.inputAudioTokens !== undefined) charge.inputAudioTokens = Math.min(usage.inputAudioTokens, inputTokens);
  if (usage.outputAudioTokens !== undefined) charge.outputAudioTokens = Math.min(usage.outputAudioTokens, outputTokens);
  return charge;
}
