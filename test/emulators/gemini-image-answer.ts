/**
 * The Gemini emulator's one image answer, for every way an image model is asked (chat through the
 * gateway, the Gemini surface, `/v1/images` through Gemini): a request whose
 * `generationConfig.responseModalities` includes `IMAGE` gets an `inlineData` PNG part after its
 * text. Streamed, the image is a chunk of its own before the closing one, as the recorded
 * `gemini-*-image` streams send it; from that chunk on, `candidatesTokenCount` includes the image's
 * tokens and `candidatesTokensDetails` splits them by modality (IMAGE and TEXT), as in the
 * recordings. Gemini 3 image models sign the image (`thoughtSignature` on the inlineData part).
 * The PNG is image-format.ts's, colored by model and prompt, so a test can tell images apart; a
 * script step's `refusal` is Gemini's safety stop (`IMAGE_SAFETY`, no parts, no output tokens).
 */
import { isGemini3 } from './gemini-format.js';
import { emulatedImage, GEMINI_IMAGE_TOKENS } from './image-format.js';
import { signatureFor } from './tokens.js';
import type { Json } from './types.js';

export function asksForImage(body: Json): boolean {
  const config = body?.generationConfig ?? body?.generation_config ?? {};
  const modalities = config.responseModalities ?? config.response_modalities;
  return Array.isArray(modalities) && modalities.some((m: unknown) => String(m).toUpperCase() === 'IMAGE');
}

/** What the image is drawn from: the text of the request's last turn (an edit's images follow it). */
export function imagePrompt(body: Json): string {
  const parts = body?.contents?.at(-1)?.parts;
  return Array.isArray(parts) ? parts.map((part: Json) => part?.text ?? '').join('') : '';
}

/** The base64 PNG the emulator answers `body` with on `model`. */
export function geminiImageData(model: string, body: Json): string {
  return emulatedImage(model, imagePrompt(body), 0);
}

/** The chunks with the image added (a copy; `merged`: the single generateContent body). */
export function withImageAnswer(chunks: object[], model: string, body: Json, merged: boolean): object[] {
  const out = structuredClone(chunks) as Json[];
  const image: Json = { inlineData: { mimeType: 'image/png', data: geminiImageData(model, body) } };
  if (isGemini3(model)) image.thoughtSignature = signatureFor(`image:${model}`);
  const at = merged ? 0 : Math.max(0, out.length - 1);
  if (merged) {
    out[0].candidates[0].content.parts.push(image);
  } else {
    const chunk = structuredClone(out[at]);
    chunk.candidates = [{ content: { parts: [image], role: 'model' }, index: 0 }];
    out.splice(at, 0, chunk);
  }
  for (const chunk of out.slice(at)) {
    const usage = chunk.usageMetadata;
    const text = usage.candidatesTokenCount ?? 0;
    usage.candidatesTokenCount = text + GEMINI_IMAGE_TOKENS;
    usage.totalTokenCount += GEMINI_IMAGE_TOKENS;
    usage.candidatesTokensDetails = [
      { modality: 'IMAGE', tokenCount: GEMINI_IMAGE_TOKENS },
      { modality: 'TEXT', tokenCount: text },
    ];
  }
  return out;
}

/**
 * Gemini's safety stop of an image prompt, in place of the answer's chunks: one response with no
 * parts, `finishReason: IMAGE_SAFETY` and only the prompt's tokens (nothing was generated).
 */
export function imageSafetyStop(chunks: object[]): object[] {
  const last = structuredClone(chunks.at(-1)) as Json;
  const { promptTokenCount, promptTokensDetails } = last.usageMetadata;
  last.candidates = [{ content: { role: 'model', parts: [] }, finishReason: 'IMAGE_SAFETY', index: 0 }];
  last.usageMetadata = { promptTokenCount, totalTokenCount: promptTokenCount, promptTokensDetails };
  return [last];
}
