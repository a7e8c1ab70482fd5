import type { AudioUsage } from '../../audio/audio-usage.js';
import type { SpeechRequest } from '../../audio/speech-types.js';
import type { EncodedRequest, ProviderContext, SseEvent } from '../provider.js';

/** OpenAI's auth and the channel's own headers, for the audio endpoints. */
export function openAIAudioHeaders(context: ProviderContext, contentType: string): Record<string, string> {
  const { target } = context;
  const headers: Record<string, string> = { 'content-type': contentType };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/**
 * Whether a speech model reports its usage in `speech.audio.done` (gpt-4o-mini-tts and its
 * successors stream SSE; tts-1 and tts-1-hd cannot, and are billed per character anyway).
 */
export function speechStreamsEvents(model: string): boolean {
  return /gpt-4o.*tts/i.test(model);
}

/**
 * `POST {base}/audio/speech` with OpenAI's body and the channel's model. The answer is the audio
 * itself, or OpenAI's events: asked for whenever the model can send them, even for a client that
 * wants bytes (AIHub decodes the deltas for it), because only the events report the usage billed.
 */
export function encodeOpenAISpeech(request: SpeechRequest, context: ProviderContext): EncodedRequest {
  const body: Record<string, unknown> = {
    model: context.target.model,
    input: request.input,
    voice: request.voice,
    response_format: request.format,
  };
  if (request.instructions !== undefined) body.instructions = request.instructions;
  if (request.speed !== undefined) body.speed = request.speed;
  if (request.streamFormat === 'sse' || speechStreamsEvents(context.target.model)) body.stream_format = 'sse';
  return {
    http: {
      method: 'POST',
      url: `${context.target.baseUrl.replace(/\/+$/, '')}/audio/speech`,
      headers: openAIAudioHeaders(context, 'application/json'),
      body: JSON.stringify(body),
    },
    droppedParams: [],
  };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * The usage in OpenAI's audio events, the only place its speech and streamed transcriptions
 * report it: `speech.audio.done` and `transcript.text.done` carry `usage: {input_tokens,
 * output_tokens, total_tokens, input_token_details?}`. Other events (and unparseable data) give none.
 */
export function openAIAudioEventUsage(event: SseEvent): AudioUsage | undefined {
  if (!event.data.includes('"usage"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch {
    return undefined;
  }
  const record = parsed as { type?: unknown; usage?: Record<string, unknown> } | null;
  if (record?.type !== 'speech.audio.done' && record?.type !== 'transcript.text.done') return undefined;
  return openAIUsageOf(record.usage, record.type === 'speech.audio.done');
}

/** OpenAI's token usage object of an audio answer; a speech's output tokens are all audio. */
export function openAIUsageOf(usage: unknown, speech: boolean): AudioUsage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const record = usage as Record<string, unknown>;
  if (record.type === 'duration') {
    const seconds = typeof record.seconds === 'number' && record.seconds >= 0 ? record.seconds : undefined;
    return seconds === undefined ? undefined : { seconds };
  }
  const result: AudioUsage = {};
  const input = count(record.input_tokens);
  const output = count(record.output_tokens);
  if (input !== undefined) result.inputTokens = input;
  if (output !== undefined) {
    result.outputTokens = output;
    if (speech) result.outputAudioTokens = output;
  }
  const details = record.input_token_details as { audio_tokens?: unknown } | undefined;
  const audio = count(details?.audio_tokens);
  if (audio !== undefined) result.inputAudioTokens = audio;
  return input === undefined && output === undefined ? undefined : result;
}
