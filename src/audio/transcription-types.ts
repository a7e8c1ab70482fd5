import type { AudioUsage } from './audio-usage.js';

/** `POST /v1/audio/transcriptions` and `/translations` as AIHub reads them (OpenAI's shape). */

export const TRANSCRIPT_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/** OpenAI's upload limit for audio files (its API reference): 25 MB. */
export const AUDIO_UPLOAD_MAX_BYTES = 25 * 1024 * 1024;

export interface AudioFile {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

export interface TranscriptionRequest {
  /** `transcribe` keeps the spoken language; `translate` answers in English (`/translations`). */
  task: 'transcribe' | 'translate';
  model: string;
  file: AudioFile;
  language?: string;
  prompt?: string;
  format: TranscriptFormat;
  temperature?: number;
  timestampGranularities?: Array<'word' | 'segment'>;
  include?: string[];
  stream: boolean;
  /** Other text fields of the form (`chunking_strategy`, `known_speaker_names[]`...): OpenAI gets them as sent. */
  extraFields: Array<[string, string]>;
}

export interface TranscriptSegment {
  id: number;
  start: number;
  end: number;
  text: string;
  [field: string]: unknown;
}

export interface TranscriptWord {
  word: string;
  start: number;
  end: number;
}

/** What an upstream transcribed, in the richest form it gave. */
export interface TranscriptResult {
  text: string;
  language?: string;
  /** Seconds of audio. */
  duration?: number;
  segments?: TranscriptSegment[];
  words?: TranscriptWord[];
  usage?: AudioUsage;
  /** Fields of the vendor's JSON answer kept for `json`/`verbose_json` clients (`logprobs`). */
  logprobs?: unknown;
}
