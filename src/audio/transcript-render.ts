import type { AudioUsage } from './audio-usage.js';
import type { TranscriptFormat, TranscriptResult, TranscriptSegment } from './transcription-types.js';

export interface RenderedTranscript {
  contentType: string;
  body: string;
}

/** OpenAI's `usage` of a transcription: `tokens` for the token-billed models, `duration` for whisper-1. */
export function openAITranscriptUsage(usage: AudioUsage | undefined): Record<string, unknown> | undefined {
  if (!usage) return undefined;
  if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) {
    const input = usage.inputTokens ?? 0;
    const output = usage.outputTokens ?? 0;
    const tokens: Record<string, unknown> = {
      type: 'tokens',
      input_tokens: input,
      output_tokens: output,
      total_tokens: input + output,
    };
    if (usage.inputAudioTokens !== undefined) {
      tokens.input_token_details = {
        text_tokens: input - usage.inputAudioTokens,
        audio_tokens: usage.inputAudioTokens,
      };
    }
    return tokens;
  }
  if (usage.seconds !== undefined) return { type: 'duration', seconds: Math.ceil(usage.seconds) };
  return undefined;
}

/** `hh:mm:ss,mmm` (SubRip) or `hh:mm:ss.mmm` (WebVTT). */
function timestamp(seconds: number, separator: ',' | '.'): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const secs = Math.floor((totalMs % 60_000) / 1000);
  const ms = totalMs % 1000;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}${separator}${pad(ms, 3)}`;
}

/** The cues of a subtitle file: the segments, or the whole text as one cue over the clip. */
function cues(result: TranscriptResult): TranscriptSegment[] {
  if (result.segments && result.segments.length > 0) return result.segments;
  return [{ id: 0, start: 0, end: result.duration ?? 0, text: result.text }];
}

/**
 * A transcript in the format the client asked for, built from the richest answer the upstream
 * gave (AIHub asks whisper-1 for `verbose_json`, for the duration it bills, and shapes it back):
 * `json` is `{text, usage}`, `verbose_json` adds task, language, duration, segments and words,
 * `text` the text and a newline, `srt` and `vtt` one cue per segment.
 */
export function renderTranscript(
  result: TranscriptResult,
  format: TranscriptFormat,
  task: 'transcribe' | 'translate',
): RenderedTranscript {
  const usage = openAITranscriptUsage(result.usage);
  switch (format) {
    case 'json': {
      const body: Record<string, unknown> = { text: result.text };
      if (result.logprobs !== undefined) body.logprobs = result.logprobs;
      if (usage) body.usage = usage;
      return { contentType: 'application/json', body: JSON.stringify(body) };
    }
    case 'verbose_json': {
      const body: Record<string, unknown> = {
        task,
        language: result.language ?? 'english',
        duration: result.duration ?? 0,
        text: result.text,
      };
      if (result.words) body.words = result.words;
      if (result.segments) body.segments = result.segments;
      if (usage) body.usage = usage;
      return { contentType: 'application/json', body: JSON.stringify(body) };
    }
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: `${result.text}\n` };
    case 'srt': {
      const body = cues(result)
        .map(
          (cue, index) =>
            `${index + 1}\n${timestamp(cue.start, ',')} --> ${timestamp(cue.end, ',')}\n${cue.text.trim()}\n`,
        )
        .join('\n');
      return { contentType: 'text/plain; charset=utf-8', body: `${body}\n` };
    }
    case 'vtt': {
      const body = cues(result)
        .map((cue) => `${timestamp(cue.start, '.')} --> ${timestamp(cue.end, '.')}\n${cue.text.trim()}\n`)
        .join('\n');
      return { contentType: 'text/plain; charset=utf-8', body: `WEBVTT\n\n${body}\n` };
    }
    default: {
      const unreachable: never = format;
      throw new Error(`Unknown transcript format ${String(unreachable)}`);
    }
  }
}
