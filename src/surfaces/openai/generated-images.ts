import type { GeneratedImagePart } from '../../ir/index.js';
import { GatewayError } from '../../ir/index.js';
import { openSignature, sealSignature } from '../common/signature-seal.js';

/**
 * Generated images in Chat Completions, the way OpenRouter carries them: `message.images[]` (and
 * `delta.images[]` in a stream) of `{type: "image_url", image_url: {url: "data:<mime>;base64,..."}}`.
 * OpenAI's own API has no such field; OpenRouter's clients read it, and the `openai` SDK passes
 * it through. The issuer's thought signature rides beside the URL as `signature` (sealed with its
 * issuer's name, signature-seal.ts): clients echo the assistant message back as received, so the
 * image returns to Gemini signed, which Gemini 3 image models require for edits.
 */
export interface ChatImage {
  type: 'image_url';
  image_url: { url: string };
  signature?: string;
}

export function encodeGeneratedImage(
  image: { mediaType: string; data: string; signature?: string; signatureProvider?: string },
  issuer: string | undefined,
): ChatImage {
  const out: ChatImage = { type: 'image_url', image_url: { url: `data:${image.mediaType};base64,${image.data}` } };
  if (image.signature) out.signature = sealSignature('openai', image.signatureProvider ?? issuer, image.signature);
  return out;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,/i;

/**
 * `images[]` of an assistant message sent back in history. Only data URLs can be: an image the
 * model made is replayed as its bytes (Gemini takes no URL in a model turn).
 */
export function decodeGeneratedImages(
  images: ReadonlyArray<{ image_url: { url: string }; signature?: string | null }>,
  param: string,
): GeneratedImagePart[] {
  return images.map((image, index) => {
    const url = image.image_url.url;
    const match = DATA_URL.exec(url);
    if (!match) {
      throw new GatewayError({
        kind: 'invalid_request',
        message: 'An assistant message image must be a base64 data URL (data:image/png;base64,...).',
        param: `${param}.images[${index}].image_url.url`,
      });
    }
    const part: GeneratedImagePart = {
      type: 'generated-image',
      mediaType: match[1]!.toLowerCase(),
      data: url.slice(match[0].length),
    };
    if (image.signature) {
      const { signature, issuer } = openSignature('openai', image.signature);
      part.signature = signature;
      part.signatureProvider = issuer;
    }
    return part;
  });
}
