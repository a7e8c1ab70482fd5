import type { TranscriptFormat, TranscriptionRequest, TranscriptResult } from '../../audio/transcription-types.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext, TranscriptAnswer } from '../provider.js';
import { type FormPart, multipartBody } from './multipart-body.js';
import { openAIAudioHeaders, openAIUsageOf } from './speech.js';

/**
 * Whether a model is billed per second of audio (whisper-1, and a compatible vendor's Whisper
 * such as Groq's whisper-large-v3): AIHub then asks for `verbose_json`, whose `duration` it bills,
 * and shapes the answer back into the client's format.
 */
export function billsBySeconds(model: string): boolean {
  return /whisper/i.test(model);
}

/**
 * The format asked of the upstream: `verbose_json` from a Whisper model (its duration is the
 * bill), `json` from a token-billed model when the client wants json or text (its usage is the
 * bill); otherwise the client's own format, answered verbatim.
 */
export function upstreamTranscriptFormat(request: TranscriptionRequest, upstreamModel: string): TranscriptFormat {
  if (request.stream) return request.format;
  if (billsBySeconds(upstreamModel)) return 'verbose_json';
  if (request.format === 'json' || request.format === 'text') return 'json';
  return request.format;
}

/**
 * `POST {base}/audio/transcriptions` or `/audio/translations`: the client's form again, with the
 * channel's model and the format AIHub reads (upstreamTranscriptFormat); fields AIHub does not
 * read go as sent. The boundary comes from the injected id generator.
 */
export function encodeOpenAITranscription(request: TranscriptionRequest, context: ProviderContext): EncodedRequest {
  const model = context.target.model;
  const parts: FormPart[] = [
    { name: 'file', file: request.file },
    { name: 'model', value: model },
    { name: 'response_format', value: upstreamTranscriptFormat(request, model) },
  ];
  if (request.language !== undefined) parts.push({ name: 'language', value: request.language });
  if (request.prompt !== undefined) parts.push({ name: 'prompt', value: request.prompt });
  if (request.temperature !== undefined) parts.push({ name: 'temperature', value: String(request.temperature) });
  for (const granularity of request.timestampGranularities ?? []) {
    parts.push({ name: 'timestamp_granularities[]', value: granularity });
  }
  for (const item of request.include ?? []) parts.push({ name: 'include[]', value: item });
  if (request.stream) parts.push({ name: 'stream', value: 'true' });
  for (const [name, value] of request.extraFields) parts.push({ name, value });
  const { body, contentType } = multipartBody(parts, `----aihub${context.generateId('')}`);
  const path = request.task === 'translate' ? 'translations' : 'transcriptions';
  return {
    http: {
      method: 'POST',
      url: `${context.target.baseUrl.replace(/\/+$/, '')}/audio/${path}`,
      headers: openAIAudioHeaders(context, contentType),
      body: '',
      bodyBytes: body,
    },
    droppedParams: [],
  };
}

function invalidAnswer(message: string): GatewayError {
  return new GatewayError({ kind: 'upstream_error', message, code: 'upstream_invalid_response' });
}

/**
 * Reads OpenAI's answer: `{text, usage?, logprobs?}` (json), with `task, language, duration,
 * segments, words` (verbose_json; whisper-1's `duration` is its bill), or srt/vtt/text as is.
 */
export function decodeOpenAITranscription(text: string, format: TranscriptFormat): TranscriptAnswer {
  if (format !== 'json' && format !== 'verbose_json') return { verbatim: text };
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw invalidAnswer('The upstream answered a transcription that is not valid JSON.');
  }
  if (typeof body?.text !== 'string') throw invalidAnswer('The upstream answered a transcription without `text`.');
  const result: TranscriptResult = { text: body.text };
  if (typeof body.language === 'string') result.language = body.language;
  if (typeof body.duration === 'number' && body.duration >= 0) result.duration = body.duration;
  if (Array.isArray(body.segments)) result.segments = body.segments as TranscriptResult['segments'];
  if (Array.isArray(body.words)) result.words = body.words as TranscriptResult['words'];
  if (body.logprobs !== undefined) result.logprobs = body.logprobs;
  const usage = openAIUsageOf(body.usage, false);
  if (usage) result.usage = usage;
  else if (result.duration !== undefined && format === 'verbose_json') result.usage = { seconds: result.duration };
  return { result };
}
