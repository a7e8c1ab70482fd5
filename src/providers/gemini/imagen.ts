import { aspectRatioFor } from '../../images/image-bounds.js';
import type { GeneratedImage, ImageRequest, ImageResult } from '../../images/image-types.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { contentPolicyRefusal } from './image-generation.js';
import { bareModelId } from './thought-signature.js';

const MIME_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg' };

/**
 * Imagen (imagen-4.0-generate-001...) through `POST {base}/v1beta/models/{model}:predict`:
 * `instances: [{prompt}]`, `parameters: {sampleCount: n, aspectRatio?, outputOptions.mimeType?}`
 * (OpenAI's `output_format` png or jpeg; Imagen makes no webp). Generation only.
 */
export function encodeImagen(request: ImageRequest, context: ProviderContext): EncodedRequest {
  const { target } = context;
  const parameters: Record<string, unknown> = { sampleCount: request.n };
  const aspectRatio = aspectRatioFor(request.size, 'imagen');
  if (aspectRatio) parameters.aspectRatio = aspectRatio;
  const droppedParams: string[] = [];
  if (request.outputFormat !== undefined) {
    const mimeType = MIME_TYPES[request.outputFormat];
    if (mimeType) {
      parameters.outputOptions = { mimeType };
      if (request.outputCompression !== undefined && mimeType === 'image/jpeg') {
        parameters.outputOptions = { mimeType, compressionQuality: request.outputCompression };
      }
    } else droppedParams.push('output_format');
  }
  const model = bareModelId(target.model);
  return {
    http: {
      method: 'POST',
      url: `${target.baseUrl.replace(/\/+$/, '')}/v1beta/models/${encodeURIComponent(model)}:predict`,
      headers: { 'content-type': 'application/json', ...target.headers, 'x-goog-api-key': target.apiKey },
      body: JSON.stringify({ instances: [{ prompt: request.prompt }], parameters }),
    },
    droppedParams,
  };
}

/**
 * `predictions[]`: each image as `bytesBase64Encoded` with its `mimeType`; entries without bytes
 * (the positive prompt's safety attributes, an image filtered with `raiFilteredReason`) are not
 * images. None at all is the safety filter's refusal: a 400, nothing charged.
 */
export function decodeImagen(request: ImageRequest, body: unknown): ImageResult {
  const predictions = (body as { predictions?: unknown } | null)?.predictions;
  const images: GeneratedImage[] = [];
  let filtered: string | undefined;
  for (const prediction of Array.isArray(predictions) ? predictions : []) {
    const record = (prediction ?? {}) as Record<string, unknown>;
    if (typeof record.bytesBase64Encoded === 'string') {
      const image: GeneratedImage = { b64Json: record.bytesBase64Encoded };
      if (typeof record.mimeType === 'string') image.mimeType = record.mimeType;
      images.push(image);
    } else if (typeof record.raiFilteredReason === 'string') filtered = record.raiFilteredReason;
  }
  if (images.length === 0) {
    if (predictions === undefined || Array.isArray(predictions))
      throw contentPolicyRefusal(request.model, filtered ?? 'no image returned');
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'The upstream answered :predict without predictions.',
      code: 'upstream_invalid_response',
    });
  }
  return { images };
}
