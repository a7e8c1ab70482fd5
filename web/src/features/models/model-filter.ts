import type { CatalogModel, RoutableModel } from './types';

/** The capability flags of the catalog, in the order the page shows them. */
export const CAPABILITIES = [
  'vision',
  'tools',
  'reasoning',
  'structuredOutput',
  'promptCaching',
  'pdf',
  'audioInput',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** What a model does, as `/api/models` says it, in the order the kind picker lists them. */
export const MODEL_KINDS = ['chat', 'embedding', 'image', 'audio', 'rerank', 'moderation', 'other'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export type ModelSort = 'name' | 'inputPrice' | 'outputPrice' | 'context';

export interface ModelFilter {
  /** Words that must all appear in `provider/id` (case-insensitive). */
  search: string;
  /** '' = every provider. */
  provider: string;
  /** '' = every kind. */
  kind: ModelKind | '';
  /** Every one of these must be true. */
  capabilities: readonly Capability[];
  /** Only models the gateway can route now. */
  availableOnly: boolean;
  sort: ModelSort;
}

export const DEFAULT_FILTER: ModelFilter = {
  search: '',
  provider: '',
  kind: '',
  capabilities: [],
  availableOnly: true,
  sort: 'name',
};

/** A catalog entry with what the page needs precomputed once (not on every keystroke). */
export interface ModelRow extends CatalogModel {
  /** `provider\u0000id`: unique (the same id is listed under several providers). */
  key: string;
  /** Lower-case `provider/id`, for the search. */
  haystack: string;
  available: boolean;
}

export function modelKey(model: { provider: string; id: string }): string {
  return `${model.provider}\u0000${model.id}`;
}

/**
 * Marks the catalog entries the gateway routes. `/v1/models` names each routable id with the
 * vendor of its channel (`owned_by`); the catalog lists an id under every provider that sells
 * it (gpt-4o: openai, azure, ...). The entry of that vendor is the one served; when the catalog
 * has no entry under that vendor's name, every entry of the id counts.
 */
export function toRows(models: readonly CatalogModel[], routable: readonly RoutableModel[] | undefined): ModelRow[] {
  const owners = new Map<string, Set<string>>();
  for (const model of routable ?? []) {
    const set = owners.get(model.id) ?? new Set<string>();
    set.add(model.owned_by.toLowerCase());
    owners.set(model.id, set);
  }
  const providersOfId = new Map<string, Set<string>>();
  for (const model of models) {
    const set = providersOfId.get(model.id) ?? new Set<string>();
    set.add(model.provider.toLowerCase());
    providersOfId.set(model.id, set);
  }
  return models.map((model) => {
    const vendors = owners.get(model.id);
    let available = false;
    if (vendors) {
      const provider = model.provider.toLowerCase();
      const listed = providersOfId.get(model.id) ?? new Set<string>();
      const vendorListed = [...vendors].some((vendor) => listed.has(vendor));
      available = vendorListed ? vendors.has(provider) : true;
    }
    return {
      ...model,
      key: modelKey(model),
      haystack: `${model.provider}/${model.id}`.toLowerCase(),
      available,
    };
  });
}

/** Providers with their number of models, by name. */
export function providerCounts(
  rows: readonly ModelRow[],
  availableOnly: boolean,
): { provider: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (availableOnly && !row.available) continue;
    counts.set(row.provider, (counts.get(row.provider) ?? 0) + 1);
  }
  return [...counts]
    .map(([provider, count]) => ({ provider, count }))
    .sort((a, b) => a.provider.localeCompare(b.provider));
}

/** Kinds with their number of models, in `MODEL_KINDS` order; kinds without a model are left out. */
export function kindCounts(rows: readonly ModelRow[], availableOnly: boolean): { kind: ModelKind; count: number }[] {
  const counts = new Map<ModelKind, number>();
  for (const row of rows) {
    if (availableOnly && !row.available) continue;
    counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
  }
  return MODEL_KINDS.filter((kind) => counts.has(kind)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}

/** The rows that pass the filter, sorted. Pure and linear: fine for a few thousand rows per keystroke. */
export function filterModels(rows: readonly ModelRow[], filter: ModelFilter): ModelRow[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  const result = rows.filter(
    (row) =>
      (!filter.availableOnly || row.available) &&
      (!filter.provider || row.provider === filter.provider) &&
      (!filter.kind || row.kind === filter.kind) &&
      filter.capabilities.every((capability) => row.capabilities[capability] === true) &&
      words.every((word) => row.haystack.includes(word)),
  );
  return result.sort(comparator(filter.sort));
}

function comparator(sort: ModelSort): (a: ModelRow, b: ModelRow) => number {
  const byName = (a: ModelRow, b: ModelRow) => a.id.localeCompare(b.id) || a.provider.localeCompare(b.provider);
  const ascendingUnknownLast = (value: (row: ModelRow) => number | undefined) => (a: ModelRow, b: ModelRow) => {
    const left = value(a);
    const right = value(b);
    if (left === undefined && right === undefined) return byName(a, b);
    if (left === undefined) return 1;
    if (right === undefined) return -1;
    return left - right || byName(a, b);
  };
  switch (sort) {
    case 'inputPrice':
      return ascendingUnknownLast((row) => row.sale?.input);
    case 'outputPrice':
      return ascendingUnknownLast((row) => row.sale?.output);
    case 'context':
      return ascendingUnknownLast((row) => (row.contextWindow === undefined ? undefined : -row.contextWindow));
    default:
      return byName;
  }
}
