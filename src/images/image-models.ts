import { GatewayError } from '../ir/index.js';

/**
 * The image model families AIHub serves, told apart by the model's name (the channel's upstream
 * name first, then the client's), and what each accepts. Sources: OpenAI's API reference
 * (`CreateImageRequest.size`/`quality`/`n`, `CreateImageEditRequest.image`), Google's Gemini image
 * generation guide (aspect ratios) and Imagen's `:predict` parameters.
 */
export type ImageFamily = 'gpt-image' | 'dall-e-3' | 'dall-e-2' | 'gemini-image' | 'imagen';

export function imageFamilyOf(model: string): ImageFamily | undefined {
  const name = model.toLowerCase().replace(/^models\//, '');
  if (/^(gpt-image-|chatgpt-image)/.test(name)) return 'gpt-image';
  if (name.startsWith('dall-e-3')) return 'dall-e-3';
  if (name.startsWith('dall-e-2')) return 'dall-e-2';
  if (name.startsWith('imagen-')) return 'imagen';
  if (name.startsWith('gemini-') && name.includes('image')) return 'gemini-image';
  return undefined;
}

/** Whether the GPT image model takes any `WIDTHxHEIGHT` (gpt-image-2) rather than the three standard sizes. */
export function takesArbitrarySizes(model: string): boolean {
  return /^gpt-image-2/.test(model.toLowerCase());
}

export const GPT_IMAGE_SIZES = ['1024x1024', '1536x1024', '1024x1536'] as const;
export const DALL_E_3_SIZES = ['1024x1024', '1792x1024', '1024x1792'] as const;
export const DALL_E_2_SIZES = ['256x256', '512x512', '1024x1024'] as const;
/** gpt-image-2's largest resolution (OpenAI: "the maximum supported resolution is 3840x2160"). */
export const GPT_IMAGE_MAX_PIXELS = 3840 * 2160;
/** Gemini image models' aspect ratios (imageConfig.aspectRatio). */
export const GEMINI_ASPECT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;
/** Imagen's aspect ratios (parameters.aspectRatio). */
export const IMAGEN_ASPECT_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'] as const;
/** Imagen makes at most 4 images per call (parameters.sampleCount). */
export const IMAGEN_MAX_SAMPLES = 4;

const QUALITIES: Record<ImageFamily, readonly string[]> = {
  'gpt-image': ['low', 'medium', 'high', 'auto'],
  'dall-e-3': ['standard', 'hd', 'auto'],
  'dall-e-2': ['standard', 'auto'],
  'gemini-image': ['auto'],
  imagen: ['auto'],
};

function invalid(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_value' });
}

function dimensionsOf(size: string): { width: number; height: number } | undefined {
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  if (!match) return undefined;
  return { width: Number(match[1]), height: Number(match[2]) };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** `1536x1024` → `3:2`; undefined for a size that is not `WIDTHxHEIGHT`. */
export function aspectRatioOf(size: string): string | undefined {
  const dimensions = dimensionsOf(size);
  if (!dimensions || dimensions.width === 0 || dimensions.height === 0) return undefined;
  const divisor = gcd(dimensions.width, dimensions.height);
  return `${dimensions.width / divisor}:${dimensions.height / divisor}`;
}

/**
 * The aspect ratio Gemini or Imagen makes for an OpenAI size: the nearest it takes (by the
 * ratios' logarithms), so the sizes OpenAI clients send (1024x1792, 1536x1024) work unchanged.
 */
export function nearestAspectRatio(size: string, family: 'gemini-image' | 'imagen'): string | undefined {
  const dimensions = dimensionsOf(size);
  if (!dimensions || dimensions.width === 0 || dimensions.height === 0) return undefined;
  const wanted = Math.log(dimensions.width / dimensions.height);
  const ratios = family === 'imagen' ? IMAGEN_ASPECT_RATIOS : GEMINI_ASPECT_RATIOS;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const ratio of ratios) {
    const [width, height] = ratio.split(':').map(Number);
    const distance = Math.abs(Math.log(width / height) - wanted);
    if (distance < bestDistance) {
      best = ratio;
      bestDistance = distance;
    }
  }
  return best;
}

/** gpt-image-2's rule: both sides divisible by 16, aspect between 1:3 and 3:1, at most 3840x2160's pixels. */
function isArbitraryGptSize(size: string): boolean {
  const dimensions = dimensionsOf(size);
  if (!dimensions) return false;
  const { width, height } = dimensions;
  if (width === 0 || height === 0 || width % 16 !== 0 || height % 16 !== 0) return false;
  if (width > 3 * height || height > 3 * width) return false;
  return width * height <= GPT_IMAGE_MAX_PIXELS && Math.max(width, height) <= 3840;
}

/** The sizes a family is sold at, for the error message. */
function sizesOf(family: ImageFamily, model: string): string {
  switch (family) {
    case 'gpt-image':
      return takesArbitrarySizes(model)
        ? '`auto` or WIDTHxHEIGHT (multiples of 16, aspect 1:3 to 3:1, at most 3840x2160)'
        : ['auto', ...GPT_IMAGE_SIZES].join(', ');
    case 'dall-e-3':
      return DALL_E_3_SIZES.join(', ');
    case 'dall-e-2':
      return DALL_E_2_SIZES.join(', ');
    case 'gemini-image':
    case 'imagen':
      return '`auto` or WIDTHxHEIGHT (made at the nearest aspect ratio the model takes)';
    default: {
      const unknown: never = family;
      return unknown;
    }
  }
}

function sizeFits(family: ImageFamily, model: string, size: string): boolean {
  switch (family) {
    case 'gpt-image':
      return (
        size === 'auto' ||
        (GPT_IMAGE_SIZES as readonly string[]).includes(size) ||
        (takesArbitrarySizes(model) && isArbitraryGptSize(size))
      );
    case 'dall-e-3':
      return (DALL_E_3_SIZES as readonly string[]).includes(size);
    case 'dall-e-2':
      return (DALL_E_2_SIZES as readonly string[]).includes(size);
    case 'gemini-image':
    case 'imagen':
      return size === 'auto' || nearestAspectRatio(size, family) !== undefined;
    default: {
      const unknown: never = family;
      return unknown;
    }
  }
}

/** The size a family makes when the client names none (OpenAI's defaults; `auto` for the others). */
export function defaultSize(family: ImageFamily): string {
  return family === 'dall-e-3' || family === 'dall-e-2' ? '1024x1024' : 'auto';
}

/** The quality a DALL·E image is billed at: `hd` only when asked for on dall-e-3, else `standard`. */
export function dallEQuality(quality: string | undefined): 'standard' | 'hd' {
  return quality === 'hd' ? 'hd' : 'standard';
}

/**
 * Refuses, with a 400 naming the parameter, what the model family does not take: a size it is
 * not sold at, a quality of another family, more images than it makes, parameters of another
 * family (OpenAI itself refuses `response_format` for the GPT image models, and `style` but on
 * dall-e-3), streaming but on the GPT image models, and edits on models that cannot edit.
 */
export function assertFamilyAccepts(
  family: ImageFamily,
  model: string,
  request: {
    operation: 'generation' | 'edit';
    n: number;
    size?: string;
    quality?: string;
    responseFormat?: string;
    style?: string;
    stream: boolean;
    images: readonly unknown[];
  },
): void {
  if (request.size !== undefined && !sizeFits(family, model, request.size)) {
    throw invalid(`'${request.size}' is not a supported size for ${model}: use ${sizesOf(family, model)}.`, 'size');
  }
  if (request.quality !== undefined && !QUALITIES[family].includes(request.quality)) {
    throw invalid(
      `'${request.quality}' is not a supported quality for ${model}: use ${QUALITIES[family].join(', ')}.`,
      'quality',
    );
  }
  if (family === 'dall-e-3' && request.n !== 1)
    throw invalid('dall-e-3 makes one image per request: n must be 1.', 'n');
  // Gemini's image models answer one image per call (no candidateCount): n above 1 would be n calls, each billed.
  if (family === 'gemini-image' && request.n !== 1)
    throw invalid(`${model} makes one image per request: n must be 1.`, 'n');
  if (family === 'imagen' && request.n > IMAGEN_MAX_SAMPLES) {
    throw invalid(`${model} makes at most ${IMAGEN_MAX_SAMPLES} images per request.`, 'n');
  }
  if (family === 'gpt-image' && request.responseFormat !== undefined) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: "Unknown parameter: 'response_format'.",
      param: 'response_format',
      code: 'unknown_parameter',
    });
  }
  if (request.style !== undefined && family !== 'dall-e-3') {
    throw invalid(`'style' is only supported by dall-e-3.`, 'style');
  }
  if (request.stream && family !== 'gpt-image') {
    throw invalid(`Streaming is only supported by the GPT image models, not ${model}.`, 'stream');
  }
  if (request.operation === 'edit') {
    if (family === 'dall-e-3' || family === 'imagen') {
      throw invalid(`${model} cannot edit images: use a GPT image model, dall-e-2 or a Gemini image model.`, 'model');
    }
    if (family === 'dall-e-2' && request.images.length !== 1) {
      throw invalid('dall-e-2 edits exactly one image.', 'image');
    }
  }
}
