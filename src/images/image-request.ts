import { GatewayError } from '../ir/index.js';
import type { ImageOperation, ImageRequest, ImageUpload } from './image-types.js';

/** OpenAI's bounds: n from 1 to 10, partial_images from 0 to 3, output_compression from 0 to 100. */
export const MAX_IMAGES_PER_REQUEST = 10;
export const MAX_PARTIAL_IMAGES = 3;
/** OpenAI: "You can provide up to 16 images" to an edit. */
export const MAX_EDIT_IMAGES = 16;
/** OpenAI's longest prompt (the GPT image models'; DALL·E's are shorter and its own 400 says so). */
export const MAX_PROMPT_CHARACTERS = 32_000;

/** An edit's multipart body, parsed (http/upload-form.ts): its text fields (each sent once) and its files by field name. */
export interface ImageForm {
  fields: Record<string, string>;
  files: Record<string, ImageUpload[]>;
}

function invalid(message: string, param: string | null = null, code: string | null = 'invalid_value'): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: param ? code : null });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ENUMS: Record<string, readonly string[]> = {
  quality: ['standard', 'hd', 'low', 'medium', 'high', 'auto'],
  response_format: ['url', 'b64_json'],
  style: ['vivid', 'natural'],
  background: ['transparent', 'opaque', 'auto'],
  output_format: ['png', 'jpeg', 'webp'],
  moderation: ['low', 'auto'],
  input_fidelity: ['high', 'low'],
};

function enumValue(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const allowed = ENUMS[name];
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalid(
      `Invalid value: '${String(value)}'. Supported values are: ${allowed.map((v) => `'${v}'`).join(', ')}.`,
      name,
    );
  }
  return value;
}

function integerIn(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalid(`'${name}' must be an integer from ${min} to ${max}.`, name);
  }
  return value as number;
}

/**
 * The parameters common to both endpoints, from JSON values (a multipart form's strings are
 * converted first by `formValues`). Unknown fields are ignored, as the SDKs send none.
 */
function decodeParameters(
  operation: ImageOperation,
  body: Record<string, unknown>,
  images: ImageUpload[],
  mask?: ImageUpload,
): ImageRequest {
  const { model, prompt, size, user } = body;
  if (typeof prompt !== 'string' || prompt === '') {
    throw invalid("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter');
  }
  if (prompt.length > MAX_PROMPT_CHARACTERS) {
    throw invalid(`'prompt' is ${prompt.length} characters; at most ${MAX_PROMPT_CHARACTERS} are allowed.`, 'prompt');
  }
  // OpenAI defaults the model (dall-e-2 for generations, gpt-image-1.5 for edits); AIHub routes by
  // model and makes the client name one, so a default never sends it to an unexpected price.
  if (typeof model !== 'string' || model === '') throw invalid('you must provide a model parameter', 'model');
  if (size !== undefined && size !== null && typeof size !== 'string')
    throw invalid("'size' must be a string.", 'size');
  if (user !== undefined && typeof user !== 'string') throw invalid("'user' must be a string.", 'user');
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') {
    throw invalid("'stream' must be a boolean.", 'stream');
  }
  const request: ImageRequest = {
    operation,
    model,
    prompt,
    n: integerIn('n', body.n, 1, MAX_IMAGES_PER_REQUEST) ?? 1,
    stream: body.stream === true,
    images,
  };
  if (typeof size === 'string') request.size = size;
  if (typeof user === 'string') request.user = user;
  if (mask) request.mask = mask;
  const quality = enumValue('quality', body.quality);
  if (quality !== undefined) request.quality = quality;
  const responseFormat = enumValue('response_format', body.response_format);
  if (responseFormat !== undefined) request.responseFormat = responseFormat as 'url' | 'b64_json';
  const style = enumValue('style', body.style);
  if (style !== undefined) request.style = style;
  const background = enumValue('background', body.background);
  if (background !== undefined) request.background = background;
  const outputFormat = enumValue('output_format', body.output_format);
  if (outputFormat !== undefined) request.outputFormat = outputFormat;
  const moderation = enumValue('moderation', body.moderation);
  if (moderation !== undefined) request.moderation = moderation;
  const inputFidelity = enumValue('input_fidelity', body.input_fidelity);
  if (inputFidelity !== undefined) request.inputFidelity = inputFidelity;
  const compression = integerIn('output_compression', body.output_compression, 0, 100);
  if (compression !== undefined) request.outputCompression = compression;
  const partialImages = integerIn('partial_images', body.partial_images, 0, MAX_PARTIAL_IMAGES);
  if (partialImages !== undefined) request.partialImages = partialImages;
  if (background === 'transparent' && outputFormat === 'jpeg') {
    throw invalid("A transparent background needs output_format 'png' or 'webp'.", 'background');
  }
  return request;
}

/** Decodes a `POST /v1/images/generations` JSON body; throws a 400 GatewayError naming the bad field. */
export function decodeImageGenerationRequest(body: unknown): ImageRequest {
  if (!isRecord(body)) throw invalid('The request body must be a JSON object.');
  return decodeParameters('generation', body, []);
}

const NUMERIC_FIELDS = new Set(['n', 'output_compression', 'partial_images']);

/** A form's text fields as the JSON values they stand for: numbers, `true`/`false`. */
function formValues(fields: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(fields)) {
    if (NUMERIC_FIELDS.has(name)) {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) throw invalid(`'${name}' must be an integer.`, name);
      values[name] = number;
    } else if (name === 'stream') {
      if (text !== 'true' && text !== 'false') throw invalid("'stream' must be true or false.", 'stream');
      values[name] = text === 'true';
    } else values[name] = text;
  }
  return values;
}

/** The fields an edit's form may carry files in: `image` (one), `image[]` (several, as the SDKs send an array), `mask`. */
const FILE_FIELDS = new Set(['image', 'image[]', 'mask']);

/**
 * Decodes a `POST /v1/images/edits` multipart form: `image` or `image[]` (1 to 16 files, in
 * order), an optional `mask` (one file), and the text fields of a generation.
 */
export function decodeImageEditRequest(form: ImageForm): ImageRequest {
  for (const name of Object.keys(form.files)) {
    if (!FILE_FIELDS.has(name))
      throw invalid(`Unexpected file field '${name}': send 'image' (or 'image[]') and 'mask'.`, name);
  }
  for (const name of FILE_FIELDS) {
    if (name in form.fields)
      throw invalid(`'${name.replace('[]', '')}' must be a file upload, not a text field.`, name.replace('[]', ''));
  }
  const images = [...(form.files.image ?? []), ...(form.files['image[]'] ?? [])];
  if (images.length === 0) throw invalid("Missing required parameter: 'image'.", 'image', 'missing_required_parameter');
  if (images.length > MAX_EDIT_IMAGES) {
    throw invalid(`${images.length} images were sent; at most ${MAX_EDIT_IMAGES} can be edited together.`, 'image');
  }
  const empty = images.findIndex((image) => image.bytes.length === 0);
  if (empty >= 0) throw invalid(`'image' file ${empty + 1} is empty.`, 'image');
  const masks = form.files.mask ?? [];
  if (masks.length > 1) throw invalid("Only one 'mask' may be sent.", 'mask');
  if (masks[0]?.bytes.length === 0) throw invalid("The 'mask' file is empty.", 'mask');
  return decodeParameters('edit', formValues(form.fields), images, masks[0]);
}
