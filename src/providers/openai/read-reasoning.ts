import { asArray, asNonEmptyString, asObject, asString, type JsonObject } from './json.js';

/** One piece of reasoning found in a message or a delta, in order of appearance. */
export type ReasoningPiece =
  | { kind: 'text'; text: string }
  | { kind: 'signature'; signature: string }
  | { kind: 'redacted'; data: string };

/** One piece of a content value: text or (Mistral `thinking` parts) reasoning text. */
export type ContentPiece = { kind: 'text'; text: string } | { kind: 'reasoning'; text: string };

/**
 * Reasoning carried by a message or delta. OpenRouter's `reasoning_details` (text with signatures,
 * encrypted blocks) is preferred when it has text, because it repeats the `reasoning` string; otherwise the
 * first reasoning field (`reasoning_content`, `reasoning`, per dialect) with text is used.
 */
export function readReasoning(message: JsonObject, fields: readonly string[]): ReasoningPiece[] {
  const pieces: ReasoningPiece[] = [];
  let detailsHaveText = false;
  for (const item of asArray(message.reasoning_details) ?? []) {
    const detail = asObject(item);
    if (!detail) continue;
    const type = asString(detail.type);
    const text = type === 'reasoning.summary' ? asString(detail.summary) : asString(detail.text);
    if (type === 'reasoning.encrypted') {
      const data = asNonEmptyString(detail.data);
      if (data) pieces.push({ kind: 'redacted', data });
      continue;
    }
    if (text !== undefined) {
      detailsHaveText = true;
      if (text !== '') pieces.push({ kind: 'text', text });
    }
    const signature = asNonEmptyString(detail.signature);
    if (signature) pieces.push({ kind: 'signature', signature });
  }
  if (detailsHaveText) return pieces;
  for (const field of fields) {
    const text = asNonEmptyString(message[field]);
    if (text) return [{ kind: 'text', text }, ...pieces];
  }
  return pieces;
}

/** A `content` value: a string, or (Mistral) an array of `text` and `thinking` chunks. */
export function readContent(content: unknown): ContentPiece[] {
  if (typeof content === 'string') return content === '' ? [] : [{ kind: 'text', text: content }];
  const pieces: ContentPiece[] = [];
  for (const item of asArray(content) ?? []) {
    const chunk = asObject(item);
    if (!chunk) continue;
    if (chunk.type === 'text') {
      const text = asNonEmptyString(chunk.text);
      if (text) pieces.push({ kind: 'text', text });
    } else if (chunk.type === 'thinking') {
      const text = thinkingText(chunk.thinking);
      if (text) pieces.push({ kind: 'reasoning', text });
    }
  }
  return pieces;
}

function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking;
  let text = '';
  for (const item of asArray(thinking) ?? []) {
    const piece = asObject(item);
    if (piece && typeof piece.text === 'string') text += piece.text;
  }
  return text;
}
