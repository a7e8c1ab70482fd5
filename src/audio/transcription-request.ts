import { GatewayError } from '../ir/index.js';
import {
  type AudioFile,
  TRANSCRIPT_FORMATS,
  type TranscriptFormat,
  type TranscriptionRequest,
} from './transcription-types.js';

/** The text fields of a multipart form, in order, each name with every value it was sent with. */
export type FormFields = ReadonlyArray<readonly [string, string]>;

function invalid(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param });
}

/** Fields AIHub reads itself; every other field goes to OpenAI as sent. */
const KNOWN_FIELDS = new Set([
  'model',
  'language',
  'prompt',
  'response_format',
  'temperature',
  'timestamp_granularities[]',
  'timestamp_granularities',
  'include[]',
  'include',
  'stream',
]);

function single(fields: FormFields, name: string): string | undefined {
  const values = fields.filter(([field]) => field === name).map(([, value]) => value);
  if (values.length > 1) throw invalid(`'${name}' was sent ${values.length} times; send it once.`, name);
  return values[0];
}

function many(fields: FormFields, name: string): string[] {
  return fields.filter(([field]) => field === name || field === `${name}[]`).map(([, value]) => value);
}

/**
 * Reads a transcription or translation form with OpenAI's rules (its API reference,
 * openai-node's TranscriptionCreateParams / TranslationCreateParams): a `file` and a `model`,
 * one of the five response formats, `temperature` 0 to 1, `timestamp_granularities[]` of `word`
 * and `segment` (with `verbose_json` only), `stream` a boolean (transcriptions only, never with
 * whisper-1, which OpenAI refuses to stream). A translation takes no `language`.
 */
export function decodeTranscriptionForm(
  task: TranscriptionRequest['task'],
  fields: FormFields,
  file: AudioFile | undefined,
): TranscriptionRequest {
  const model = single(fields, 'model');
  if (!model) throw invalid("'model' is required.", 'model');
  if (!file) throw invalid("'file' is required: the audio to transcribe, as a multipart file field.", 'file');
  if (file.bytes.length === 0) throw invalid("'file' is empty.", 'file');
  const format = single(fields, 'response_format') ?? 'json';
  if (!TRANSCRIPT_FORMATS.includes(format as TranscriptFormat)) {
    throw invalid(`'response_format' must be one of ${TRANSCRIPT_FORMATS.join(', ')}.`, 'response_format');
  }
  const request: TranscriptionRequest = {
    task,
    model,
    file,
    format: format as TranscriptFormat,
    stream: false,
    extraFields: fields.filter(([name]) => !KNOWN_FIELDS.has(name)).map(([name, value]) => [name, value]),
  };
  const language = single(fields, 'language');
  if (language !== undefined) {
    if (task === 'translate') throw invalid("'language' is not a parameter of translations.", 'language');
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)?$/.test(language)) {
      throw invalid("'language' must be an ISO-639-1 code such as 'en'.", 'language');
    }
    request.language = language;
  }
  const prompt = single(fields, 'prompt');
  if (prompt !== undefined) request.prompt = prompt;
  const temperature = single(fields, 'temperature');
  if (temperature !== undefined) {
    const value = Number(temperature);
    if (temperature.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw invalid("'temperature' must be a number from 0 to 1.", 'temperature');
    }
    request.temperature = value;
  }
  const granularities = many(fields, 'timestamp_granularities');
  if (granularities.length > 0) {
    if (task === 'translate') {
      throw invalid("'timestamp_granularities[]' is not a parameter of translations.", 'timestamp_granularities');
    }
    const unknown = granularities.find((value) => value !== 'word' && value !== 'segment');
    if (unknown !== undefined) {
      throw invalid("'timestamp_granularities[]' takes 'word' and 'segment'.", 'timestamp_granularities');
    }
    if (request.format !== 'verbose_json') {
      throw invalid("'timestamp_granularities[]' needs response_format 'verbose_json'.", 'timestamp_granularities');
    }
    request.timestampGranularities = [...new Set(granularities as Array<'word' | 'segment'>)];
  }
  const include = many(fields, 'include');
  if (include.length > 0) request.include = include;
  const stream = single(fields, 'stream');
  if (stream !== undefined) {
    if (stream !== 'true' && stream !== 'false') throw invalid("'stream' must be true or false.", 'stream');
    if (stream === 'true' && task === 'translate') throw invalid('Translations cannot be streamed.', 'stream');
    request.stream = stream === 'true';
  }
  return request;
}
