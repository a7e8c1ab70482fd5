import type { GeneratedImagePart } from '../../ir/index.js';
import type { GeminiResponsePart } from './response-schema.js';

/**
 * The image a Gemini image model put in its answer (`inlineData` with an `image/*` mimeType), with
 * the thought signature Gemini attached to it. An image inside a `thought` part is an interim draft
 * (Gemini 3 Pro Image may think in images), not the answer, and is left out like thought text
 * would be shown apart. Undefined for any other part.
 */
export function generatedImage(part: GeminiResponsePart): GeneratedImagePart | undefined {
  const inline = part.inlineData;
  if (!inline?.data || part.thought) return undefined;
  const mediaType = inline.mimeType?.toLowerCase() ?? '';
  if (!mediaType.startsWith('image/')) return undefined;
  return {
    type: 'generated-image',
    mediaType,
    data: inline.data,
    ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}),
  };
}
