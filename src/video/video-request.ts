import { GatewayError } from '../ir/index.js';
import { videoFamilyOf } from './video-models.js';
import type { VideoReference, VideoRequest } from './video-types.js';

/** A `POST /v1/videos` body: a JSON object, or a multipart form's text fields and its reference file. */
export interface VideoForm {
  fields: Record<string, unknown>;
  file?: Extract<VideoReference, { kind: 'file' }>;
}

const MAX_PROMPT_CHARS = 32_000;

function invalid(message: string, param: string, code = 'invalid_value'): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code });
}

function optionalText(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number')
    throw invalid(`'${name}' must be a string.`, name, 'invalid_type');
  return String(value);
}

/**
 * Reads OpenAI's video creation parameters (`model` default sora-2, `prompt` required, `seconds`
 * and `size` defaulted by the model's family) the way OpenAI does: `seconds` is a string of whole
 * seconds (a number is accepted too), `size` is `WIDTHxHEIGHT`. Whether a size is sold for the
 * model is the price sheet's answer (billing refuses an unpriced size with `unsupported_unit`).
 */
export function decodeVideoRequest(form: VideoForm): VideoRequest {
  const fields = form.fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw invalid('The request body must be a JSON object or a multipart form.', 'body', 'invalid_type');
  }
  const model = optionalText(fields, 'model') ?? 'sora-2';
  const family = videoFamilyOf(model);
  const prompt = optionalText(fields, 'prompt');
  if (!prompt || prompt.trim() === '') throw invalid("'prompt' is required.", 'prompt', 'missing_required_parameter');
  if (prompt.length > MAX_PROMPT_CHARS)
    throw invalid(`'prompt' is longer than ${MAX_PROMPT_CHARS} characters.`, 'prompt');

  const secondsText = optionalText(fields, 'seconds');
  const seconds = secondsText === undefined ? (family?.defaultSeconds ?? 4) : Number(secondsText);
  if (!Number.isInteger(seconds) || seconds <= 0)
    throw invalid(`'seconds' must be a whole number of seconds.`, 'seconds');
  if (family && !family.seconds.includes(seconds)) {
    throw invalid(`'seconds' must be one of ${family.seconds.join(', ')} for ${model}.`, 'seconds');
  }
  const size = optionalText(fields, 'size') ?? family?.defaultSize ?? '720x1280';
  if (!/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/.test(size))
    throw invalid(`'size' must be WIDTHxHEIGHT, such as 1280x720.`, 'size');

  const request: VideoRequest = { model, prompt, seconds, size };
  const reference = form.file ?? referenceFromJson(fields.input_reference);
  if (reference) request.inputReference = reference;
  return request;
}

/** JSON bodies name the reference `{image_url}` (a URL or a data URL); `file_id` is OpenAI-only and not relayed. */
function referenceFromJson(value: unknown): VideoReference | undefined {
  if (value === undefined || value === null) return undefined;
  const record = typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const url = record?.image_url;
  if (typeof url === 'string' && /^(https?:|data:image\/)/i.test(url)) return { kind: 'url', url };
  throw invalid(
    "'input_reference' must be an uploaded image, or {image_url} with an http(s) or data: URL.",
    'input_reference',
  );
}
