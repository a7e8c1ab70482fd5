import type { TranscriptionRequest, TranscriptResult } from '../../audio/transcription-types.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { geminiAudioUsage } from './speech.js';
import { bareModelId } from './thought-signature.js';

/**
 * Gemini takes inline data up to 20 MB per request (ai.google.dev/gemini-api/docs/audio); in
 * base64 a file grows by a third, so 15 MB of audio is the most that fits with the prompt.
 */
export const GEMINI_INLINE_AUDIO_MAX_BYTES = 15 * 1024 * 1024;

/** The formats a Gemini transcript can be given in: it has no timestamps to make segments of. */
export const GEMINI_TRANSCRIPT_FORMATS = ['json', 'text'] as const;

/** Gemini's audio types (same page), by file extension, for an upload sent as `application/octet-stream`. */
const AUDIO_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  mpeg: 'audio/mp3',
  mpga: 'audio/mp3',
  aiff: 'audio/aiff',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  m4a: 'audio/aac',
  webm: 'audio/webm',
};

function invalid(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, retryable: false });
}

export function geminiAudioType(file: TranscriptionRequest['file']): string {
  if (file.contentType.startsWith('audio/')) return file.contentType;
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  return AUDIO_TYPES[extension] ?? 'audio/wav';
}

/** The instruction beside the audio: transcribe (in the given language) or translate into English. */
export function transcriptionPrompt(request: TranscriptionRequest): string {
  const task =
    request.task === 'translate'
      ? 'Translate the speech in this audio into English.'
      : `Transcribe the speech in this audio verbatim${request.language ? ` (language: ${request.language})` : ''}.`;
  const context = request.prompt ? ` Context, for spelling and style: ${request.prompt}` : '';
  return `${task} Answer with the ${request.task === 'translate' ? 'translation' : 'transcript'} only, no comments.${context}`;
}

/**
 * `POST {base}/v1beta/models/{model}:generateContent` with the prompt and the clip as an
 * `inlineData` part. Only `json` and `text` can be answered (no timestamps), and a clip over the
 * inline limit cannot be sent: both the client's 400, not a reason to try another channel.
 */
export function encodeGeminiTranscription(request: TranscriptionRequest, context: ProviderContext): EncodedRequest {
  const { target } = context;
  if (!(GEMINI_TRANSCRIPT_FORMATS as readonly string[]).includes(request.format)) {
    throw invalid(
      `${request.model} (a Gemini model) gives a transcript without timestamps: response_format must be json or text, not '${request.format}'.`,
      'response_format',
    );
  }
  if (request.file.bytes.length > GEMINI_INLINE_AUDIO_MAX_BYTES) {
    throw invalid(`${request.model} (a Gemini model) takes audio files up to 15 MB.`, 'file');
  }
  const body: Record<string, unknown> = {
    contents: [
      {
        role: 'user',
        parts: [
          { text: transcriptionPrompt(request) },
          { inlineData: { mimeType: geminiAudioType(request.file), data: request.file.bytes.toString('base64') } },
        ],
      },
    ],
  };
  if (request.temperature !== undefined) body.generationConfig = { temperature: request.temperature };
  const model = bareModelId(target.model);
  return {
    http: {
      method: 'POST',
      url: `${target.baseUrl.replace(/\/+$/, '')}/v1beta/models/${encodeURIComponent(model)}:generateContent`,
      headers: { 'content-type': 'application/json', ...target.headers, 'x-goog-api-key': target.apiKey },
      body: JSON.stringify(body),
    },
    droppedParams: [],
  };
}

/** The transcript (the answer's text parts, trimmed) and the tokens Gemini reports. */
export function decodeGeminiTranscription(text: string): TranscriptResult {
  let body: { candidates?: Array<{ content?: { parts?: Array<{ text?: unknown; thought?: unknown }> } }> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'The upstream answered a transcription that is not valid JSON.',
      code: 'upstream_invalid_response',
    });
  }
  const parts = body?.candidates?.[0]?.content?.parts;
  if (!Array.isArray(parts)) {
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'The upstream answered a transcription without content.',
      code: 'upstream_invalid_response',
    });
  }
  const transcript = parts
    .filter((part) => typeof part?.text === 'string' && part.thought !== true)
    .map((part) => part.text as string)
    .join('')
    .trim();
  const result: TranscriptResult = { text: transcript };
  const usage = geminiAudioUsage((body as { usageMetadata?: unknown }).usageMetadata, false);
  if (usage) result.usage = usage;
  return result;
}
