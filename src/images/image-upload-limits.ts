import { GatewayError } from '../ir/index.js';
import type { ImageFamily } from './image-models.js';
import type { ImageRequest } from './image-types.js';

const MB = 1024 * 1024;

/**
 * The largest file each vendor takes, as documented (OpenAI `CreateImageEditRequest`: GPT image
 * models "each image ... less than 50MB", dall-e-2 "a square png file less than 4MB", the mask
 * "less than 4MB"; Gemini: a request's inline data at most 20 MB in all). A file above them gets
 * a 413 here rather than a vendor's 400 after the upload, and nothing is charged.
 */
export const UPLOAD_LIMITS: Record<ImageFamily, { perImage: number; mask: number; total: number }> = {
  'gpt-image': { perImage: 50 * MB, mask: 4 * MB, total: Number.POSITIVE_INFINITY },
  'dall-e-2': { perImage: 4 * MB, mask: 4 * MB, total: Number.POSITIVE_INFINITY },
  'gemini-image': { perImage: 20 * MB, mask: 20 * MB, total: 20 * MB },
  // Neither edits (image-models.ts refuses an edit first); listed so every family has its limits.
  'dall-e-3': { perImage: 0, mask: 0, total: 0 },
  imagen: { perImage: 0, mask: 0, total: 0 },
};

function tooLarge(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'payload_too_large', message, param, code: 'file_too_large' });
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/** Throws a 413 naming the first file above its family's limit. */
export function assertUploadSizes(family: ImageFamily, model: string, request: ImageRequest): void {
  if (request.operation !== 'edit') return;
  const limits = UPLOAD_LIMITS[family];
  let total = 0;
  request.images.forEach((image, index) => {
    total += image.bytes.length;
    if (image.bytes.length > limits.perImage) {
      throw tooLarge(
        `Image ${index + 1} is ${megabytes(image.bytes.length)}; ${model} takes images of at most ${megabytes(limits.perImage)}.`,
        'image',
      );
    }
  });
  if (request.mask) {
    total += request.mask.bytes.length;
    if (request.mask.bytes.length > limits.mask) {
      throw tooLarge(
        `The mask is ${megabytes(request.mask.bytes.length)}; at most ${megabytes(limits.mask)} is allowed.`,
        'mask',
      );
    }
  }
  if (total > limits.total) {
    throw tooLarge(
      `The images add up to ${megabytes(total)}; ${model} takes at most ${megabytes(limits.total)} in all.`,
      'image',
    );
  }
}
