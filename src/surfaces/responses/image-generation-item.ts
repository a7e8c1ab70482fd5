import type { GeneratedImagePart } from '../../ir/index.js';

/**
 * An `image_generation_call` item sent back as history: its base64 `result` becomes the model's
 * generated image again, so a model that edits images (Gemini's image models) sees what it made.
 * The item names no format: the bytes' own signature tells it (OpenAI's default is PNG). No
 * thought signature can ride on this item, so the image goes back unsigned. An item without a
 * result (a call still in progress, or failed) has nothing to replay.
 */
export function imageFromGenerationItem(record: Record<string, unknown>): GeneratedImagePart | undefined {
  const result = record.result;
  if (typeof result !== 'string' || result === '') return undefined;
  return { type: 'generated-image', mediaType: mediaTypeOf(result), data: result };
}

/** The image format from the first bytes of the base64 text. */
function mediaTypeOf(base64: string): string {
  if (base64.startsWith('/9j/')) return 'image/jpeg';
  if (base64.startsWith('UklGR')) return 'image/webp';
  if (base64.startsWith('R0lGOD')) return 'image/gif';
  return 'image/png';
}
