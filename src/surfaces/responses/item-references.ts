import { GatewayError } from '../../ir/index.js';
import { itemType, type ResponseItem } from './decode-input-items.js';

/** References one request may hold: each is a lookup, and a request is no place for a bulk read. */
export const MAX_ITEM_REFERENCES = 1_000;

/**
 * The ids the request's `input` references (`{"type": "item_reference", "id": …}`, or the bare
 * `{"id": …}` OpenAI also reads as one), each once, in order of first use. A reference whose id is
 * not a string is left for the decoder to refuse. More than MAX_ITEM_REFERENCES is a 400.
 */
export function itemReferenceIds(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  const ids = new Set<string>();
  let references = 0;
  for (const item of input) {
    const id = referencedId(item);
    if (id === undefined) continue;
    references += 1;
    if (references > MAX_ITEM_REFERENCES) {
      throw new GatewayError({
        kind: 'invalid_request',
        message: `Too many item references in 'input': at most ${MAX_ITEM_REFERENCES} are allowed.`,
        param: 'input',
        code: 'too_many_item_references',
      });
    }
    ids.add(id);
  }
  return [...ids];
}

/**
 * `input` with every reference replaced by the item it names (`found`: the caller's own stored
 * items by id). An id not found is a 404 naming it, in the words OpenAI uses for an unknown item;
 * a stored item of another user is never in `found`, so it reads the same as one that never was.
 */
export function replaceItemReferences(input: readonly unknown[], found: ReadonlyMap<string, ResponseItem>): unknown[] {
  return input.map((item) => {
    const id = referencedId(item);
    if (id === undefined) return item;
    const resolved = found.get(id);
    if (!resolved) {
      throw new GatewayError({
        kind: 'not_found',
        message: `Item with id '${id.slice(0, 200)}' not found.`,
        param: 'input',
      });
    }
    return { ...resolved };
  });
}

function referencedId(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  return itemType(record) === 'item_reference' && typeof record.id === 'string' ? record.id : undefined;
}
