import type { ModelListing } from './api';

export interface CatalogDiff {
  added: number;
  removed: number;
  /** Models in both whose official input or output price changed. */
  repriced: number;
}

/** What a catalog refresh changed in the chat model list (by provider/id and official token prices). */
export function diffListings(before: readonly ModelListing[], after: readonly ModelListing[]): CatalogDiff {
  const key = (model: ModelListing) => `${model.provider}/${model.id}`;
  const old = new Map(before.map((model) => [key(model), model]));
  let added = 0;
  let repriced = 0;
  for (const model of after) {
    const previous = old.get(key(model));
    if (!previous) added += 1;
    else if (
      previous.official?.input !== model.official?.input ||
      previous.official?.output !== model.official?.output
    ) {
      repriced += 1;
    }
    old.delete(key(model));
  }
  return { added, removed: old.size, repriced };
}
