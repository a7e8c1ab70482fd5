import type { ResponseItem } from './decode-input-items.js';

/**
 * Conversation state for `previous_response_id`, kept as plain JSON so the store only saves and
 * loads it. For each stored response the store keeps:
 * - its input items: the history it was given followed by its own `input` (`requestInputItems`),
 *   so a chain of responses carries the whole conversation, as OpenAI's does;
 * - its output: the stored copy's `output` (`storedResponse()` / `encodeResponse(..., true)`),
 *   whose reasoning items always carry `encrypted_content`.
 * `instructions` are not part of the history: OpenAI does not carry them to the next response.
 */

/** The request's `input` as items: a string is one user message. */
export function requestInputItems(input: unknown): ResponseItem[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) return [];
  return input.filter(isItem);
}

/**
 * What a follow-up naming this response prepends to its own input: the stored input items, then
 * the output items as input items (an output message, reasoning item or function call is a valid
 * input item; `status` is dropped because OpenAI accepts it only on some item types).
 */
export function responseItemsForHistory(
  storedRequestItems: readonly unknown[],
  storedOutput: readonly unknown[],
): ResponseItem[] {
  const items: ResponseItem[] = storedRequestItems.filter(isItem).map((item) => ({ ...item }));
  for (const item of storedOutput) {
    if (!isItem(item)) continue;
    const { status: _status, ...rest } = item;
    items.push(rest);
  }
  return items;
}

function isItem(value: unknown): value is ResponseItem {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
