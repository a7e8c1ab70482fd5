import type { ImageRequest, ImageResult, ImageTokenUsage } from '../../images/image-types.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { type FormPart, multipartBody } from './multipart-body.js';

/**
 * OpenAI's `POST {base}/images/generations` (JSON) and `/images/edits` (multipart: `image` once,
 * or `image[]` per file when there are several, as openai-node sends an array; then `mask`),
 * with the channel's model and the client's parameters as given: the checks of what a model
 * takes were made before routing (images/image-models.ts).
 */
export function encodeOpenAIImages(request: ImageRequest, context: ProviderContext): EncodedRequest {
  const { target } = context;
  const fields = imageFields(request, target.model);
  const headers: Record<string, string> = {};
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  const base = target.baseUrl.replace(/\/+$/, '');
  if (request.operation === 'generation') {
    headers['content-type'] = 'application/json';
    return {
      http: { method: 'POST', url: `${base}/images/generations`, headers, body: JSON.stringify(fields) },
      droppedParams: [],
    };
  }
  const parts: FormPart[] = Object.entries(fields).map(([name, value]) => ({ name, value: String(value) }));
  const imageField = request.images.length > 1 ? 'image[]' : 'image';
  for (const image of request.images) parts.push({ name: imageField, file: image });
  if (request.mask) parts.push({ name: 'mask', file: request.mask });
  const { body, contentType } = multipartBody(parts, `----aihub${context.generateId('')}`);
  headers['content-type'] = contentType;
  return {
    http: { method: 'POST', url: `${base}/images/edits`, headers, body: '', bodyBytes: body },
    droppedParams: [],
  };
}

/** The JSON (or form) fields of either endpoint, in OpenAI's names. */
function imageFields(request: ImageRequest, model: string): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = { model, prompt: request.prompt };
  if (request.n !== 1) fields.n = request.n;
  const optional: Array<[string, string | number | boolean | undefined]> = [
    ['size', request.size],
    ['quality', request.quality],
    ['response_format', request.responseFormat],
    ['style', request.style],
    ['background', request.background],
    ['output_format', request.outputFormat],
    ['output_compression', request.outputCompression],
    ['moderation', request.moderation],
    ['input_fidelity', request.inputFidelity],
    ['partial_images', request.partialImages],
    ['user', request.user],
  ];
  for (const [name, value] of optional) if (value !== undefined) fields[name] = value;
  if (request.stream) fields.stream = true;
  return fields;
}

function invalidAnswer(message: string): GatewayError {
  return new GatewayError({ kind: 'upstream_error', message, code: 'upstream_invalid_response' });
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * OpenAI's images usage (`ImageGenUsage`, and the stream's completed events' `ImagesUsage`):
 * `input_tokens` with `input_tokens_details.{text_tokens,image_tokens}`, `output_tokens` (all image
 * tokens, unless `output_tokens_details` splits them). Undefined when absent (DALL·E).
 */
export function decodeOpenAIImageUsage(usage: unknown): ImageTokenUsage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const record = usage as Record<string, unknown>;
  const inputTokens = numberOr(record.input_tokens);
  const outputTokens = numberOr(record.output_tokens);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const decoded: ImageTokenUsage = { inputTokens, outputTokens, raw: usage };
  const input = record.input_tokens_details as Record<string, unknown> | undefined;
  const text = numberOr(input?.text_tokens);
  const image = numberOr(input?.image_tokens);
  if (text !== undefined) decoded.inputTextTokens = text;
  if (image !== undefined) decoded.inputImageTokens = image;
  if (text === undefined && image === undefined) decoded.inputTextTokens = inputTokens;
  const output = record.output_tokens_details as Record<string, unknown> | undefined;
  const outputImage = numberOr(output?.image_tokens);
  const outputText = numberOr(output?.text_tokens);
  decoded.outputImageTokens = outputImage ?? outputTokens - (outputText ?? 0);
  if (outputText !== undefined) decoded.outputTextTokens = outputText;
  return decoded;
}

/** `{created, data: [{b64_json | url, revised_prompt?}], background?, output_format?, size?, quality?, usage?}`. */
export function decodeOpenAIImages(_request: ImageRequest, body: unknown): ImageResult {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(record.data)) throw invalidAnswer('The upstream answered images without a `data` list.');
  const images = record.data.map((item: unknown) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const image: ImageResult['images'][number] = {};
    if (typeof entry.b64_json === 'string') image.b64Json = entry.b64_json;
    if (typeof entry.url === 'string') image.url = entry.url;
    if (typeof entry.revised_prompt === 'string') image.revisedPrompt = entry.revised_prompt;
    if (image.b64Json === undefined && image.url === undefined) {
      throw invalidAnswer('The upstream answered an image with neither `b64_json` nor `url`.');
    }
    return image;
  });
  const result: ImageResult = { images };
  const created = numberOr(record.created);
  if (created !== undefined) result.created = created;
  for (const [field, key] of [
    ['background', 'background'],
    ['output_format', 'outputFormat'],
    ['size', 'size'],
    ['quality', 'quality'],
  ] as const) {
    if (typeof record[field] === 'string') result[key] = record[field] as string;
  }
  const usage = decodeOpenAIImageUsage(record.usage);
  if (usage) result.usage = usage;
  return result;
}
