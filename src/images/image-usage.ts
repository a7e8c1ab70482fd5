import type { Usage } from '../ir/index.js';
import { dallEUnitKey, IMAGEN_UNIT_KEY, type ImageWorstCase } from './image-bounds.js';
import type { ImageFamily } from './image-models.js';
import type { ImageRequest, ImageResult, ImageTokenUsage } from './image-types.js';

/**
 * Image usage in billing's terms (Usage with image token classes and per-unit counts): the hold's
 * worst case, and the settlement's exact usage from the vendor's answer. Image tokens are PART of
 * the input and output totals (billing prices them at inputImage / outputImage).
 */
export type ImageBillingUsage = Usage;

export function worstCaseUsage(worst: ImageWorstCase): ImageBillingUsage {
  const input = worst.inputTextTokens + worst.inputImageTokens;
  const output = worst.outputImageTokens + worst.outputTextTokens;
  const usage: ImageBillingUsage = {
    inputTokens: { total: input, noCache: input, image: worst.inputImageTokens },
    outputTokens: { total: output, text: worst.outputTextTokens, image: worst.outputImageTokens },
  };
  if (Object.keys(worst.units).length > 0) usage.units = { ...worst.units };
  return usage;
}

function tokenUsage(tokens: ImageTokenUsage): ImageBillingUsage {
  const usage: ImageBillingUsage = {
    inputTokens: { total: tokens.inputTokens, noCache: tokens.inputTokens, image: tokens.inputImageTokens ?? 0 },
    outputTokens: {
      total: tokens.outputTokens,
      text: tokens.outputTextTokens ?? tokens.outputTokens - (tokens.outputImageTokens ?? tokens.outputTokens),
      image: tokens.outputImageTokens ?? tokens.outputTokens,
    },
  };
  if (tokens.raw !== undefined) usage.raw = tokens.raw;
  return usage;
}

/**
 * What the answer costs: the vendor's token usage (GPT image models, Gemini), or the images it
 * delivered at their unit (DALL·E: `image:<size>:<quality>`, Imagen: `image`). A token-priced
 * answer without usage (an odd vendor) is billed at the worst case of the images it delivered,
 * and marked estimated.
 */
export function settledUsage(
  family: ImageFamily,
  request: ImageRequest,
  result: Pick<ImageResult, 'images' | 'usage'>,
  worst: ImageWorstCase,
): { usage: ImageBillingUsage; estimated: boolean } {
  const delivered = result.images.length;
  switch (family) {
    case 'dall-e-2':
    case 'dall-e-3':
      return {
        usage: { inputTokens: {}, outputTokens: {}, units: { [dallEUnitKey(family, request)]: delivered } },
        estimated: false,
      };
    case 'imagen':
      return {
        usage: { inputTokens: {}, outputTokens: {}, units: { [IMAGEN_UNIT_KEY]: delivered } },
        estimated: false,
      };
    case 'gpt-image':
    case 'gemini-image': {
      if (result.usage) return { usage: tokenUsage(result.usage), estimated: false };
      const share = request.n > 0 ? delivered / request.n : 1;
      const scaled = {
        ...worst,
        outputImageTokens: Math.ceil(worst.outputImageTokens * share),
        outputTextTokens: Math.ceil(worst.outputTextTokens * share),
      };
      return { usage: worstCaseUsage(scaled), estimated: true };
    }
    default: {
      const unknown: never = family;
      return unknown;
    }
  }
}
