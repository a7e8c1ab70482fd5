/**
 * The choices OpenAI's Images API documents per model family (size, quality, how many images one
 * request may ask for); other image models (Gemini, Imagen) take the common square and portrait
 * sizes, which the gateway maps to their aspect ratios, and no quality.
 */
export interface ImageOptions {
  sizes: readonly string[];
  /** Empty: the model has no quality setting (leave it out of the request). */
  qualities: readonly string[];
  maxCount: number;
}

const GPT_IMAGE: ImageOptions = {
  sizes: ['auto', '1024x1024', '1536x1024', '1024x1536'],
  qualities: ['auto', 'low', 'medium', 'high'],
  maxCount: 4,
};
const DALL_E_3: ImageOptions = {
  sizes: ['1024x1024', '1792x1024', '1024x1792'],
  qualities: ['standard', 'hd'],
  maxCount: 1,
};
const DALL_E_2: ImageOptions = { sizes: ['256x256', '512x512', '1024x1024'], qualities: [], maxCount: 4 };
const OTHER: ImageOptions = { sizes: ['1024x1024', '1536x1024', '1024x1536'], qualities: [], maxCount: 4 };

export function imageOptions(model: string): ImageOptions {
  if (/gpt-image/i.test(model)) return GPT_IMAGE;
  if (/dall-e-3/i.test(model)) return DALL_E_3;
  if (/dall-e-2/i.test(model)) return DALL_E_2;
  return OTHER;
}
