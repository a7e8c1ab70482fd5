/**
 * The built-in model catalog: facts about ~2,400 models (context window, output limit,
 * capabilities, list prices in integer units) keyed by provider + model id.
 *
 * The data is `catalog.generated.json`, produced by `npx tsx scripts/build-catalog.ts` from
 * BerriAI/litellm's price list (MIT; see NOTICE). It is imported as a JSON module so it ships
 * inside `dist/` with the compiled code, validated once on first use, and served from in-memory
 * maps: lookups do no I/O and no allocation.
 */

import generated from './catalog.generated.json' with { type: 'json' };
import { type CatalogFile, type CatalogFileInput, type CatalogModel, catalogFileSchema } from './catalog-schema.js';
import { withMediaPrices } from './media-prices.js';

export type { CatalogModel } from './catalog-schema.js';

const EMPTY: readonly CatalogModel[] = Object.freeze([]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export class Catalog {
  readonly #byKey = new Map<string, CatalogModel>();
  readonly #byId = new Map<string, CatalogModel[]>();
  readonly #byProvider = new Map<string, CatalogModel[]>();
  readonly #all: readonly CatalogModel[];

  /** Builds the indexes. Models are frozen; a later duplicate (same provider + id) is an error. */
  constructor(models: Iterable<CatalogModel>) {
    const all: CatalogModel[] = [];
    for (const model of models) {
      const key = Catalog.#key(model.provider, model.id);
      if (this.#byKey.has(key)) throw new Error(`duplicate catalog model ${model.provider}/${model.id}`);
      deepFreeze(model);
      this.#byKey.set(key, model);
      Catalog.#push(this.#byId, model.id, model);
      Catalog.#push(this.#byProvider, model.provider, model);
      all.push(model);
    }
    for (const list of this.#byId.values()) Object.freeze(list);
    for (const list of this.#byProvider.values()) Object.freeze(list);
    this.#all = Object.freeze(all);
  }

  /** Validates data in the catalog file format (throws a ZodError when it does not match). */
  static fromJson(data: unknown): Catalog {
    const file: CatalogFile = catalogFileSchema.parse(data);
    return new Catalog(file.models);
  }

  static #key(provider: string, id: string): string {
    return `${provider}\u0000${id}`;
  }

  static #push(map: Map<string, CatalogModel[]>, key: string, model: CatalogModel): void {
    const list = map.get(key);
    if (list) list.push(model);
    else map.set(key, [model]);
  }

  /** The model `id` as `provider` lists it. Ids are matched exactly (case-sensitive). */
  get(provider: string, id: string): CatalogModel | undefined {
    return this.#byKey.get(Catalog.#key(provider, id));
  }

  has(provider: string, id: string): boolean {
    return this.#byKey.has(Catalog.#key(provider, id));
  }

  /** Every provider's entry for this id (`gpt-4.1-mini` → openai, azure...), in provider order. */
  findById(id: string): readonly CatalogModel[] {
    return this.#byId.get(id) ?? EMPTY;
  }

  listByProvider(provider: string): readonly CatalogModel[] {
    return this.#byProvider.get(provider) ?? EMPTY;
  }

  /** Provider names that have at least one model, sorted. */
  providers(): string[] {
    return [...this.#byProvider.keys()].sort();
  }

  all(): readonly CatalogModel[] {
    return this.#all;
  }

  get size(): number {
    return this.#all.length;
  }
}

let builtin: Catalog | undefined;

/**
 * The catalog shipped with AIHub (the generated file with AIHub's media prices merged in:
 * media-prices.ts), validated and indexed on first call, then shared.
 */
export function getBuiltinCatalog(): Catalog {
  if (!builtin) {
    const file = generated as CatalogFileInput;
    builtin = Catalog.fromJson({ ...file, models: withMediaPrices(file.models) });
  }
  return builtin;
}
