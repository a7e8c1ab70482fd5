/** `POST /v1/audio/speech` as AIHub reads it (OpenAI's shape), whatever vendor speaks it. */

export const SPEECH_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const;
export type SpeechFormat = (typeof SPEECH_FORMATS)[number];

/** OpenAI's limit on `input`, in characters (its API reference). */
export const SPEECH_INPUT_MAX_CHARS = 4096;

export interface SpeechRequest {
  model: string;
  input: string;
  /** A built-in voice's name (`alloy`, or Gemini's `Kore`), or a custom voice's id (`{id}`, OpenAI only). */
  voice: string | { id: string };
  instructions?: string;
  format: SpeechFormat;
  speed?: number;
  /** `audio`: the bytes themselves; `sse`: OpenAI's `speech.audio.delta` / `speech.audio.done` events. */
  streamFormat: 'audio' | 'sse';
}

/** The content-type of each format, as OpenAI answers it. */
export const SPEECH_CONTENT_TYPES: Record<SpeechFormat, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};
