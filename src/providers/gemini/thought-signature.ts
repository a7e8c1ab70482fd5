import type { GeminiContent, GeminiPart } from './wire-types.js';

/**
 * Google's documented placeholder for a function call that has no real thought signature (history
 * from another model, or a client that dropped it). Gemini 3 skips signature validation for it.
 */
export const DUMMY_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/** Gemini 3 models validate thought signatures on function calls and on the images they made. */
export function requiresThoughtSignatures(model: string): boolean {
  return bareModelId(model).startsWith('gemini-3');
}

export function bareModelId(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/**
 * Gemini 3 rejects a model turn whose signed parts come back unsigned (history from another model,
 * a client that kept only the data). Two kinds of part carry signatures there:
 * - the first functionCall part of a step (parallel calls carry it on the first part only);
 * - every image the model made (`inlineData` in a model turn: AIHub puts nothing else there), which
 *   Gemini 3 image models check when the image is sent back for an edit.
 * Those left unsigned get the placeholder. Returns new contents; the input is not modified.
 */
export function fillMissingThoughtSignatures(contents: GeminiContent[], model: string): GeminiContent[] {
  if (!requiresThoughtSignatures(model)) return contents;
  return contents.map((content) => {
    if (content.role !== 'model') return content;
    const firstCall = content.parts.findIndex((part) => part.functionCall !== undefined);
    const needsPlaceholder = (part: GeminiPart, index: number) =>
      !part.thoughtSignature && (index === firstCall || part.inlineData !== undefined);
    if (!content.parts.some(needsPlaceholder)) return content;
    const parts = content.parts.map((part, index) =>
      needsPlaceholder(part, index) ? { ...part, thoughtSignature: DUMMY_THOUGHT_SIGNATURE } : part,
    );
    return { ...content, parts };
  });
}
