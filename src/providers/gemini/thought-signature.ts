import type { GeminiContent } from './wire-types.js';

/**
 * Google's documented placeholder for a function call that has no real thought signature (history
 * from another model, or a client that dropped it). Gemini 3 skips signature validation for it.
 */
export const DUMMY_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/** Gemini 3 models validate thought signatures on function calls. */
export function requiresThoughtSignatures(model: string): boolean {
  return bareModelId(model).startsWith('gemini-3');
}

export function bareModelId(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/**
 * Gemini 3 rejects a step whose first functionCall part has no signature (parallel calls carry it
 * on the first part only). For such model turns the first functionCall part gets the placeholder.
 * Returns new contents; the input is not modified.
 */
export function fillMissingThoughtSignatures(contents: GeminiContent[], model: string): GeminiContent[] {
  if (!requiresThoughtSignatures(model)) return contents;
  return contents.map((content) => {
    if (content.role !== 'model') return content;
    const first = content.parts.findIndex((part) => part.functionCall !== undefined);
    if (first < 0 || content.parts[first]!.thoughtSignature) return content;
    const parts = content.parts.map((part, index) =>
      index === first ? { ...part, thoughtSignature: DUMMY_THOUGHT_SIGNATURE } : part,
    );
    return { ...content, parts };
  });
}
