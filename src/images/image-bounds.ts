import { IMAGE_TOKENS_CEILING } from '../billing/media-bounds.js';
import {
  dallEQuality,
  defaultSize,
  GPT_IMAGE_MAX_PIXELS,
  GPT_IMAGE_SIZES,
  type ImageFamily,
  nearestAspectRatio,
  takesArbitrarySizes,
} from './image-models.js';
import type { ImageRequest } from './image-types.js';

/**
 * The most a vendor can bill for an image request, before the call: a hold must cover it.
 *
 * GPT image models bill tokens. Output image tokens per image, from OpenAI's table
 * (platform.openai.com/docs/guides/image-generation, "Cost and latency"), for gpt-image-1:
 *   quality   1024x1024  1024x1536  1536x1024
 *   low          272        408        400
 *   medium      1056       1584       1568
 *   high        4160       6240       6208
 * The newer models (gpt-image-1-mini, 1.5, 2) bill no more per pixel; for gpt-image-2's arbitrary
 * sizes the high column scales with the pixels: ceil(4160 × pixels / 1024²), which is above every
 * cell of the table. `auto` size or quality is assumed at its most (high; gpt-image-2's largest
 * size, 3840x2160). Each partial image streamed adds 100 output tokens (same page). Input: the
 * prompt's UTF-8 bytes (a token is at least one byte) plus, per input image and for the mask,
 * IMAGE_TOKENS_CEILING (above any vendor's image tokens, billing/media-bounds.ts) and the high
 * input fidelity's extra 6,240 (the table's largest cell).
 *
 * Gemini image models bill tokens too: each image is 1,290 output tokens on gemini-2.5-flash-image
 * and 1,120 to 2,000 (4K) on gemini-3-pro-image, but the answer may also carry text and thinking:
 * the bound is the model's output limit (the catalog's, else 32,768, Gemini's image models' limit).
 *
 * DALL·E and Imagen bill per image: n images at `image:<size>:<quality>` (DALL·E) or `image`.
 */
export interface ImageWorstCase {
  inputTextTokens: number;
  inputImageTokens: number;
  outputImageTokens: number;
  /** Output text and thinking (Gemini): priced at the output rate. */
  outputTextTokens: number;
  /** Per-unit counts (unit keys `image[:<size>[:<quality>]]`). */
  units: Record<string, number>;
}

export const GPT_IMAGE_HIGH_TOKENS_PER_MEGAPIXEL = 4160;
export const PARTIAL_IMAGE_TOKENS = 100;
export const HIGH_FIDELITY_EXTRA_TOKENS = 6240;
export const GEMINI_IMAGE_OUTPUT_LIMIT = 32_768;

const GPT_IMAGE_1_TABLE: Record<string, Record<string, number>> = {
  low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
  medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
  high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
};

function pixelsOf(size: string): number {
  const [width, height] = size.split('x').map(Number);
  return width * height;
}

/** The most output image tokens one GPT image costs at this size and quality. */
export function gptImageOutputTokens(model: string, size: string | undefined, quality: string | undefined): number {
  const standard = (GPT_IMAGE_SIZES as readonly string[]).includes(size ?? '');
  const column = quality && quality !== 'auto' ? GPT_IMAGE_1_TABLE[quality] : undefined;
  if (standard && column && size) return column[size];
  const largest = takesArbitrarySizes(model) ? GPT_IMAGE_MAX_PIXELS : pixelsOf('1536x1024');
  const pixels = size && size !== 'auto' ? pixelsOf(size) : largest;
  return Math.ceil((GPT_IMAGE_HIGH_TOKENS_PER_MEGAPIXEL * pixels) / (1024 * 1024));
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The unit key a DALL·E image is billed at: `image:<size>:<quality>` (dall-e-2's quality is always standard). */
export function dallEUnitKey(family: 'dall-e-2' | 'dall-e-3', request: Pick<ImageRequest, 'size' | 'quality'>): string {
  const size = request.size ?? defaultSize(family);
  return `image:${size}:${family === 'dall-e-2' ? 'standard' : dallEQuality(request.quality)}`;
}

/** Imagen's unit key: per image, whatever its aspect ratio (Google prices Imagen per image). */
export const IMAGEN_UNIT_KEY = 'image';

export function imageWorstCase(
  family: ImageFamily,
  model: string,
  request: ImageRequest,
  outputLimit: number | undefined,
): ImageWorstCase {
  const worst: ImageWorstCase = {
    inputTextTokens: 0,
    inputImageTokens: 0,
    outputImageTokens: 0,
    outputTextTokens: 0,
    units: {},
  };
  const inputImages = request.images.length + (request.mask ? 1 : 0);
  switch (family) {
    case 'gpt-image': {
      worst.inputTextTokens = utf8Bytes(request.prompt);
      worst.inputImageTokens = inputImages * (IMAGE_TOKENS_CEILING + HIGH_FIDELITY_EXTRA_TOKENS);
      const perImage = gptImageOutputTokens(model, request.size, request.quality);
      const partials = request.stream ? (request.partialImages ?? 0) * PARTIAL_IMAGE_TOKENS : 0;
      worst.outputImageTokens = request.n * (perImage + partials);
      return worst;
    }
    case 'gemini-image':
      worst.inputTextTokens = utf8Bytes(request.prompt);
      worst.inputImageTokens = inputImages * IMAGE_TOKENS_CEILING;
      // Images and text share the output limit: all of it at the image rate, the higher of the two.
      worst.outputImageTokens = request.n * (outputLimit ?? GEMINI_IMAGE_OUTPUT_LIMIT);
      return worst;
    case 'dall-e-2':
    case 'dall-e-3':
      worst.units[dallEUnitKey(family, request)] = request.n;
      return worst;
    case 'imagen':
      worst.units[IMAGEN_UNIT_KEY] = request.n;
      return worst;
    default: {
      const unknown: never = family;
      return unknown;
    }
  }
}

/** Imagen's and Gemini's `aspectRatio` for an OpenAI size (`auto`: none, the model's default). */
export function aspectRatioFor(size: string | undefined, family: 'gemini-image' | 'imagen'): string | undefined {
  if (size === undefined || size === 'auto') return undefined;
  return nearestAspectRatio(size, family);
}
