import type { CatalogModel } from '../catalog/catalog-schema.js';

/**
 * An image model that answers through a chat API (Gemini's `gemini-*-image` models on
 * generateContent): the catalog files it as `image`, but it is sold by the token with an output
 * limit, like a chat model, and its id names it an image model. Imagen, gpt-image and the
 * diffusion models are priced per image with no output tokens: only /v1/images reaches them.
 */
export function answersImagesInChat(model: CatalogModel): boolean {
  return (
    model.mode === 'image' &&
    model.maxOutputTokens !== undefined &&
    model.prices?.outputImage !== undefined &&
    /(^|-)image(-|$)/.test(model.id)
  );
}
