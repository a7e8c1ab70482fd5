/**
 * The Gemini emulator's image answers: a request whose `generationConfig.responseModalities`
 * includes `IMAGE` (as image models are asked) gets an `inlineData` PNG part after its text, the
 * way the recorded `gemini-*-image` streams send it: one chunk of its own, before the closing one.
 * From that chunk on, `candidatesTokenCount` includes the image's tokens and
 * `candidatesTokensDetails` splits them by modality (IMAGE and TEXT), as in the recordings.
 * Gemini 3 image models sign the image (`thoughtSignature` on the inlineData part).
 */
import { isGemini3 } from './gemini-format.js';
import { signatureFor } from './tokens.js';
import type { Json } from './types.js';

/** A 1×1 PNG. */
export const EMULATOR_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
/** What Gemini bills for one 1024×1024 image (the recordings: 1290). */
export const EMULATOR_IMAGE_TOKENS = 1290;

export function asksForImage(body: Json): boolean {
  const config = body?.generationConfig ?? body?.generation_config ?? {};
  const modalities = config.responseModalities ?? config.response_modalities;
  return Array.isArray(modalities) && modalities.some((m: unknown) => String(m).toUpperCase() === 'IMAGE');
}

/** The chunks with the image added (a copy; `merged`: the single generateContent body). */
export function withImageAnswer(chunks: object[], model: string, merged: boolean): object[] {
  const out = structuredClone(chunks) as Json[];
  const image: Json = { inlineData: { mimeType: 'image/png', data: EMULATOR_PNG_BASE64 } };
  if (isGemini3(model)) image.thoughtSignature = signatureFor(`image:${model}`);
  const at = merged ? 0 : Math.max(0, out.length - 1);
  if (merged) {
    out[0].candidates[0].content.parts.push(image);
  } else {
    const template = out[at];
    const chunk = structuredClone(template);
    chunk.candidates = [{ content: { parts: [image], role: 'model' }, index: 0 }];
    out.splice(at, 0, chunk);
  }
  for (const chunk of out.slice(at)) {
    const usage = chunk.usageMetadata;
    const text = usage.candidatesTokenCount ?? 0;
    usage.candidatesTokenCount = text + EMULATOR_IMAGE_TOKENS;
    usage.totalTokenCount += EMULATOR_IMAGE_TOKENS;
    usage.candidatesTokensDetails = [
      { modality: 'IMAGE', tokenCount: EMULATOR_IMAGE_TOKENS },
      { modality: 'TEXT', tokenCount: text },
    ];
  }
  return out;
}
