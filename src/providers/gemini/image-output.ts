import type { ChatRequest, OutputModality } from '../../ir/index.js';
import type { GeminiGenerationConfig, GeminiModality } from './wire-types.js';

/**
 * Fields of an OpenAI client's request that travel in `extraBody` (so an OpenAI-compatible
 * upstream receives them verbatim) and that Gemini honours through the IR: not reported as dropped.
 */
export const HONOURED_OPENAI_FIELDS: ReadonlySet<string> = new Set(['modalities', 'image_config']);

const MODALITIES: Record<OutputModality, GeminiModality> = { text: 'TEXT', image: 'IMAGE', audio: 'AUDIO' };

/**
 * `responseModalities` and `imageConfig`. The request's modalities win; an image model asked for
 * none answers with images and text (`["IMAGE","TEXT"]`, Google's documented setting for
 * conversational image generation), unless a Gemini client set `responseModalities` itself (its
 * `generationConfig` fields are merged in later, gemini-only-fields.ts, and must not be overridden).
 */
export function imageOutputConfig(
  request: ChatRequest,
  outputsImages: boolean,
): Pick<GeminiGenerationConfig, 'responseModalities' | 'imageConfig'> {
  const config: Pick<GeminiGenerationConfig, 'responseModalities' | 'imageConfig'> = {};
  if (request.outputModalities && request.outputModalities.length > 0) {
    config.responseModalities = request.outputModalities.map((modality) => MODALITIES[modality]);
  } else if (outputsImages && !clientSetModalities(request)) {
    config.responseModalities = ['IMAGE', 'TEXT'];
  }
  const image = request.imageConfig;
  if (image && (image.aspectRatio || image.imageSize)) {
    config.imageConfig = {
      ...(image.aspectRatio ? { aspectRatio: image.aspectRatio } : {}),
      ...(image.imageSize ? { imageSize: image.imageSize } : {}),
    };
  }
  return config;
}

function clientSetModalities(request: ChatRequest): boolean {
  const generationConfig = request.extraBody?.generationConfig;
  return (
    typeof generationConfig === 'object' &&
    generationConfig !== null &&
    (generationConfig as Record<string, unknown>).responseModalities !== undefined
  );
}
