import type { AssistantContentPart, ReasoningPart } from '../../ir/index.js';
import { sealSignature } from '../common/signature-seal.js';
import { sealReasoningSignature } from './reasoning-signature.js';

/** A part of a `model` content as Gemini answers it. */
export interface GeminiAnswerPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { id?: string; name: string; args: Record<string, unknown> };
  inlineData?: { mimeType: string; data: string };
}

/**
 * One IR assistant part to Gemini's. Reasoning is a `thought` part whose signature is the issuer's,
 * sealed when not Gemini's (reasoning-signature.ts). Signatures on text and function calls are
 * Gemini's and stay as they are. A function call's arguments become the object Gemini sends; its id
 * is sent too (Gemini's `FunctionCall.id`), so the client can answer by id. A generated image is
 * the `inlineData` part Gemini answers with, its signature sealed when another vendor issued it.
 */
export function encodePart(part: AssistantContentPart, servedBy: string): GeminiAnswerPart | undefined {
  switch (part.type) {
    case 'text':
      return part.signature ? { text: part.text, thoughtSignature: part.signature } : { text: part.text };
    case 'refusal':
      return { text: part.text };
    case 'reasoning':
      return thoughtPart(part, servedBy);
    case 'tool-call': {
      const encoded: GeminiAnswerPart = {
        functionCall: { id: part.id, name: part.name, args: argumentsObject(part.arguments) },
      };
      if (part.signature) encoded.thoughtSignature = part.signature;
      return encoded;
    }
    case 'generated-image':
      return imagePart(part, servedBy);
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

export function imagePart(
  part: { mediaType: string; data: string; signature?: string; signatureProvider?: string },
  servedBy: string,
): GeminiAnswerPart {
  const encoded: GeminiAnswerPart = { inlineData: { mimeType: part.mediaType, data: part.data } };
  if (part.signature)
    encoded.thoughtSignature = sealSignature('gemini', part.signatureProvider ?? servedBy, part.signature);
  return encoded;
}

export function thoughtPart(part: ReasoningPart, servedBy: string): GeminiAnswerPart {
  const signature = sealReasoningSignature(part, servedBy);
  return signature
    ? { text: part.text, thought: true, thoughtSignature: signature }
    : { text: part.text, thought: true };
}

/**
 * Tool-call arguments are JSON text in the IR and an object on Gemini's wire. Text that is not a
 * JSON object (a model that produced broken JSON) cannot be an object: it is kept under `_raw` so
 * nothing the model produced is silently lost.
 */
export function argumentsObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through to the raw text
  }
  return { _raw: text };
}
