import { GatewayError } from '../ir/index.js';
import { SPEECH_FORMATS, SPEECH_INPUT_MAX_CHARS, type SpeechFormat, type SpeechRequest } from './speech-types.js';

function invalid(message: string, param: string, code?: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, ...(code ? { code } : {}) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function voiceOf(voice: unknown): SpeechRequest['voice'] {
  if (typeof voice === 'string' && voice.trim() !== '') return voice;
  if (isRecord(voice) && typeof voice.id === 'string' && voice.id !== '') return { id: voice.id };
  throw invalid("'voice' must be a voice's name (such as 'alloy') or {\"id\": \"voice_...\"}.", 'voice');
}

/**
 * Reads and checks a speech request with OpenAI's rules (its API reference and openai-node's
 * SpeechCreateParams): `input` at most 4,096 characters, `speed` 0.25 to 4, the six formats, the
 * two stream formats. Anything else is the client's 400, before any hold or upstream call.
 */
export function decodeSpeechRequest(body: unknown): SpeechRequest {
  if (!isRecord(body)) throw invalid('The request body must be a JSON object.', 'body');
  const { model, input, instructions, response_format: format, speed, stream_format: streamFormat } = body;
  if (typeof model !== 'string' || model === '') throw invalid("'model' is required.", 'model');
  if (typeof input !== 'string' || input === '') throw invalid("'input' is required: the text to speak.", 'input');
  // Characters as OpenAI counts them: code points, not UTF-16 units.
  const characters = [...input].length;
  if (characters > SPEECH_INPUT_MAX_CHARS) {
    throw invalid(
      `'input' is ${characters} characters; at most ${SPEECH_INPUT_MAX_CHARS} are allowed.`,
      'input',
      'string_above_max_length',
    );
  }
  const request: SpeechRequest = {
    model,
    input,
    voice: voiceOf(body.voice),
    format: 'mp3',
    streamFormat: 'audio',
  };
  if (instructions !== undefined && instructions !== null) {
    if (typeof instructions !== 'string') throw invalid("'instructions' must be a string.", 'instructions');
    request.instructions = instructions;
  }
  if (format !== undefined && format !== null) {
    if (!SPEECH_FORMATS.includes(format as SpeechFormat)) {
      throw invalid(`'response_format' must be one of ${SPEECH_FORMATS.join(', ')}.`, 'response_format');
    }
    request.format = format as SpeechFormat;
  }
  if (speed !== undefined && speed !== null) {
    if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0.25 || speed > 4) {
      throw invalid("'speed' must be a number from 0.25 to 4.0.", 'speed');
    }
    request.speed = speed;
  }
  if (streamFormat !== undefined && streamFormat !== null) {
    if (streamFormat !== 'audio' && streamFormat !== 'sse') {
      throw invalid("'stream_format' must be 'audio' or 'sse'.", 'stream_format');
    }
    request.streamFormat = streamFormat;
  }
  return request;
}
