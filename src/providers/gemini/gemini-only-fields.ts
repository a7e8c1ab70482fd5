import type { GeminiRequestBody } from './wire-types.js';

/**
 * Request fields only Gemini understands, which a Gemini client's request carries in the IR's
 * `extraBody` (the Gemini surface puts them there): they are sent where Gemini expects them, not
 * dropped. `generationConfig` holds the generation settings the IR has no field for
 * (`responseModalities`, `speechConfig`, `mediaResolution`, `imageConfig`...), merged under the
 * ones the IR produced (the IR's own win: they are what the request says after any rewriting).
 */
export const GEMINI_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'safetySettings',
  'cachedContent',
  'labels',
  'generationConfig',
]);

export function applyGeminiOnlyFields(
  body: GeminiRequestBody,
  extraBody: Record<string, unknown> | undefined,
): GeminiRequestBody {
  if (!extraBody) return body;
  const out: GeminiRequestBody = { ...body };
  for (const key of GEMINI_ONLY_FIELDS) {
    const value = extraBody[key];
    if (value === undefined || value === null) continue;
    if (key === 'generationConfig') {
      if (typeof value !== 'object' || Array.isArray(value)) continue;
      out.generationConfig = { ...(value as Record<string, unknown>), ...body.generationConfig };
    } else {
      (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}
