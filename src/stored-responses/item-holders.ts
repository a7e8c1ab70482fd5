import { GatewayError } from '../ir/index.js';
import type { StoredItemLocation } from './stored-response-store.js';

/**
 * Stored JSON the references of one request may make AIHub load and parse: twice the default body
 * limit. A stored response carries its whole conversation, so without a bound a request of a
 * thousand references could load a thousand conversations.
 */
export const MAX_REFERENCED_CHARS = 64 * 1024 * 1024;

/**
 * The responses to load so that every located item is in one of them: for each item the smallest
 * response holding it (an item carried through a chain of responses is in each; the one that
 * introduced it is the smallest), the oldest on a tie. More than `maxChars` of them together is a
 * 413, decided from the index alone, before anything is loaded.
 */
export function responsesToLoad(
  locations: readonly StoredItemLocation[],
  maxChars: number = MAX_REFERENCED_CHARS,
): string[] {
  const best = new Map<string, StoredItemLocation>();
  for (const location of locations) {
    const current = best.get(location.itemId);
    if (!current || smaller(location, current)) best.set(location.itemId, location);
  }
  const chars = new Map<string, number>();
  for (const location of best.values()) chars.set(location.responseId, location.responseChars);
  let total = 0;
  for (const size of chars.values()) total += size;
  if (total > maxChars) {
    throw new GatewayError({
      kind: 'payload_too_large',
      message:
        `The items referenced in 'input' are held in stored responses too large to load together ` +
        `(${total} characters, at most ${maxChars}): send fewer references, or the items themselves.`,
      param: 'input',
    });
  }
  return [...chars.keys()];
}

function smaller(a: StoredItemLocation, b: StoredItemLocation): boolean {
  if (a.responseChars !== b.responseChars) return a.responseChars < b.responseChars;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.responseId < b.responseId;
}
