/**
 * OpenAI's `POST /v1/audio/speech`: text in, audio bytes out. The voices and formats its reference
 * lists (marin and cedar are gpt-4o-mini-tts's newest; tts-1 ignores what it does not know).
 */
export const SPEECH_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const;

/** `response_format` values with the MIME type and file extension of what comes back. */
export const SPEECH_FORMATS = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
} as const;
export type SpeechFormat = keyof typeof SPEECH_FORMATS;

/** OpenAI's limit on `input`. */
export const MAX_SPEECH_CHARACTERS = 4096;

export function speechBody(settings: { model: string; input: string; voice: string; format: SpeechFormat }) {
  return { model: settings.model, input: settings.input, voice: settings.voice, response_format: settings.format };
}
