import {
  itemReferenceIds,
  type ResponseItem,
  replaceItemReferences,
  responseItemsForHistory,
} from '../surfaces/responses/index.js';
import type { SurfaceInput } from '../surfaces/surface.js';
import { responsesToLoad } from './item-holders.js';
import type { StoredResponses } from './stored-responses.js';

/**
 * The request with every `item_reference` in its `input` replaced by the caller's own stored item
 * (an input or output item of one of their stored responses), before anything decodes it: the
 * decoder, the upstream and the stored copy of this response all see the item itself. Output items
 * take the form a follow-up sends them in (`responseItemsForHistory`). An id the caller has no
 * item for is a 404; too many references a 400; references whose responses are too large to load
 * together a 413 (item-holders.ts). A request without references is returned as is.
 */
export async function withItemReferencesResolved(
  input: SurfaceInput,
  userId: string,
  responses: StoredResponses,
): Promise<SurfaceInput> {
  const body = input.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return input;
  const items = (body as Record<string, unknown>).input;
  const ids = itemReferenceIds(items);
  if (ids.length === 0 || !Array.isArray(items)) return input;
  const wanted = new Set(ids);
  const found = new Map<string, ResponseItem>();
  const holders = responsesToLoad(await responses.locateItems(ids, userId));
  for (const holder of await responses.findMany(holders, userId)) {
    for (const item of responseItemsForHistory(holder.requestItems, holder.output)) {
      const id = item.id;
      if (typeof id === 'string' && wanted.has(id) && !found.has(id)) found.set(id, item);
    }
  }
  return { ...input, body: { ...body, input: replaceItemReferences(items, found) } };
}
