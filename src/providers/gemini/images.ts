import { imageFamilyOf } from '../../images/image-models.js';
import type { ImageRequest, ImageResult } from '../../images/image-types.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { decodeGeminiImageOutput, encodeGeminiImageOutput } from './image-generation.js';
import { decodeImagen, encodeImagen } from './imagen.js';

/**
 * A Gemini channel's images: Imagen models through `:predict`, every other image model through
 * generateContent with image output. Chosen by the upstream model's name; the decoder follows
 * what the request's model was sent to (the same name, so the same choice).
 */
export function encodeGeminiImages(request: ImageRequest, context: ProviderContext): EncodedRequest {
  const family = imageFamilyOf(context.target.model);
  if (family === 'imagen') return encodeImagen(request, context);
  if (family === 'gemini-image' || family === undefined) return encodeGeminiImageOutput(request, context);
  throw new GatewayError({
    kind: 'invalid_request',
    message: `${request.model} is not an image model a Gemini channel serves.`,
    param: 'model',
    retryable: false,
  });
}

export function decodeGeminiImages(request: ImageRequest, body: unknown): ImageResult {
  return body !== null && typeof body === 'object' && 'predictions' in body
    ? decodeImagen(request, body)
    : decodeGeminiImageOutput(request, body);
}
