/**
 * What an audio call used, as the vendors report it: tokens (gpt-4o-mini-tts, gpt-4o-*-transcribe,
 * Gemini), or seconds of audio (whisper-1). `undefined` is "not reported", never 0.
 */
export interface AudioUsage {
  inputTokens?: number;
  /** The audio part of `inputTokens` (a transcription's clip). */
  inputAudioTokens?: number;
  outputTokens?: number;
  /** The audio part of `outputTokens` (speech). */
  outputAudioTokens?: number;
  /** Seconds of audio transcribed (whisper-1's `duration`). */
  seconds?: number;
}
