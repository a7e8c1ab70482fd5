import type { ImageResult } from './image-types.js';

/**
 * OpenAI's `ImagesResponse`: `{created, data: [{b64_json | url, revised_prompt?}], background?,
 * output_format?, size?, quality?, usage?}`. `usage` is OpenAI's (`input_tokens`,
 * `input_tokens_details.{text_tokens,image_tokens}`, `output_tokens`, `total_tokens`) for the
 * token-priced models and absent for per-image ones, as OpenAI sends it for DALL·E.
 */
export function encodeImageAnswer(result: ImageResult, now: () => number): Record<string, unknown> {
  const answer: Record<string, unknown> = {
    created: result.created ?? Math.floor(now() / 1000),
    data: result.images.map((image) => {
      const item: Record<string, unknown> = {};
      if (image.b64Json !== undefined) item.b64_json = image.b64Json;
      if (image.url !== undefined) item.url = image.url;
      if (image.revisedPrompt !== undefined) item.revised_prompt = image.revisedPrompt;
      return item;
    }),
  };
  if (result.background !== undefined) answer.background = result.background;
  if (result.outputFormat !== undefined) answer.output_format = result.outputFormat;
  if (result.size !== undefined) answer.size = result.size;
  if (result.quality !== undefined) answer.quality = result.quality;
  const usage = result.usage;
  if (usage) {
    const encoded: Record<string, unknown> = {
      input_tokens: usage.inputTokens,
      input_tokens_details: { text_tokens: usage.inputTextTokens ?? 0, image_tokens: usage.inputImageTokens ?? 0 },
      output_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.outputTokens,
    };
    if (usage.outputImageTokens !== undefined || usage.outputTextTokens !== undefined) {
      encoded.output_tokens_details = {
        image_tokens: usage.outputImageTokens ?? 0,
        text_tokens: usage.outputTextTokens ?? 0,
      };
    }
    answer.usage = encoded;
  }
  return answer;
}
