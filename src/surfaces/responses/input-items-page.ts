import type { ResponseItem } from './decode-input-items.js';
import type { InputItemsQuery } from './input-items-query.js';
import { listedInputItem } from './listed-input-item.js';
import { invalidField } from './schema-error.js';

/** OpenAI's `ResponseItemList`. */
export interface InputItemList {
  object: 'list';
  data: ResponseItem[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/**
 * One page of a stored response's input items (oldest first as stored, every item with an id; see
 * input-item-ids.ts). `after` starts past its item, `before` ends short of it and takes the
 * `limit` items closest to it; `has_more` says whether items remain in the direction of travel.
 * Should an id occur twice in one conversation (a client sent the same item twice), `after`
 * continues from its last occurrence and `before` from its first, so paging always moves on.
 * A cursor that names no item of this response is a 400.
 */
export function inputItemsPage(items: readonly ResponseItem[], query: InputItemsQuery): InputItemList {
  const ordered = query.order === 'asc' ? [...items] : [...items].reverse();
  const start = query.after === undefined ? 0 : position(ordered, query.after, 'after') + 1;
  const end = Math.max(start, query.before === undefined ? ordered.length : position(ordered, query.before, 'before'));
  let from = start;
  let to = Math.min(end, start + query.limit);
  let hasMore = to < end;
  if (query.before !== undefined && query.after === undefined) {
    from = Math.max(start, end - query.limit);
    to = end;
    hasMore = from > start;
  }
  const data = ordered.slice(from, to).map((item) => listedInputItem(item, query.include));
  return {
    object: 'list',
    data,
    first_id: itemId(data[0]),
    last_id: itemId(data.at(-1)),
    has_more: hasMore,
  };
}

function position(ordered: readonly ResponseItem[], id: string, param: 'after' | 'before'): number {
  const index =
    param === 'after' ? ordered.findLastIndex((item) => item.id === id) : ordered.findIndex((item) => item.id === id);
  if (index < 0) {
    throw invalidField(param, `Invalid '${param}': no input item with id '${id.slice(0, 200)}' in this response.`);
  }
  return index;
}

function itemId(item: ResponseItem | undefined): string | null {
  return typeof item?.id === 'string' ? item.id : null;
}
