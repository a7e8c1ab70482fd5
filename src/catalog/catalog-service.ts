/**
 * The effective model catalog: the built-in catalog, replaced whole by a catalog an admin
 * refreshed from a URL (`catalog_entries` rows of source 'remote'), then the admin's per-model
 * overrides (source 'override') merged over it. Built in memory on reload(); readers get the
 * current Catalog without I/O, and listeners (router, price book) are told when it changes.
 */
import type { Logger } from 'pino';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import { validationError } from '../surfaces/openai/validation-error.js';
import { Catalog, getBuiltinCatalog } from './catalog.js';
import { type CatalogFetchOptions, DEFAULT_CATALOG_FETCH, fetchCatalogJson } from './catalog-fetch.js';
import { applyOverride, type CatalogOverride, catalogOverrideSchema } from './catalog-override.js';
import { type CatalogModel, catalogFileSchema, catalogModelSchema, PROVIDER_NAME } from './catalog-schema.js';

export interface CatalogServiceOptions {
  now: () => number;
  logger?: Pick<Logger, 'warn'>;
  fetch?: Partial<CatalogFetchOptions>;
  /** The catalog shipped with AIHub (tests pass a small one). */
  builtin?: Catalog;
}

export interface CatalogOverrideEntry {
  provider: string;
  modelId: string;
  override: CatalogOverride;
  updatedAt: number;
}

export interface CatalogStatus {
  /** Where the base data comes from. */
  source: 'builtin' | 'remote';
  models: number;
  overrides: number;
  /** When the remote catalog was stored, if it is in use. */
  remoteUpdatedAt?: number;
}

export interface CatalogRefreshResult {
  models: number;
  providers: number;
  /** The `source` block of the fetched file (what it was derived from, licence). */
  source: { name: string; url: string; license: string };
}

const INSERT_CHUNK = 500;

function key(provider: string, modelId: string): string {
  return `${provider}\u0000${modelId}`;
}

function invalid(param: string, message: string, code = 'invalid_value'): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code, param, message });
}

export class CatalogService {
  private base: Catalog;
  private effective: Catalog;
  private overrides = new Map<string, CatalogOverrideEntry>();
  private remoteUpdatedAt: number | undefined;
  private readonly builtin: Catalog;
  private readonly fetchOptions: CatalogFetchOptions;
  private readonly listeners = new Set<(catalog: Catalog) => void>();
  // Reloads run one at a time, so a slow one can never overwrite a newer result.
  private reloading: Promise<Catalog> = Promise.resolve(getBuiltinCatalog());

  constructor(
    private readonly store: Store,
    private readonly options: CatalogServiceOptions,
  ) {
    this.builtin = options.builtin ?? getBuiltinCatalog();
    this.base = this.builtin;
    this.effective = this.builtin;
    this.fetchOptions = { ...DEFAULT_CATALOG_FETCH, ...options.fetch };
  }

  /** The catalog in force. */
  get current(): Catalog {
    return this.effective;
  }

  get status(): CatalogStatus {
    return {
      source: this.remoteUpdatedAt === undefined ? 'builtin' : 'remote',
      models: this.effective.size,
      overrides: this.overrides.size,
      ...(this.remoteUpdatedAt !== undefined ? { remoteUpdatedAt: this.remoteUpdatedAt } : {}),
    };
  }

  onChange(listener: (catalog: Catalog) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rebuilds from the database and notifies listeners. Call at start and after a change. */
  reload(): Promise<Catalog> {
    this.reloading = this.reloading.catch(() => undefined).then(() => this.rebuild());
    return this.reloading;
  }

  listOverrides(): CatalogOverrideEntry[] {
    return [...this.overrides.values()];
  }

  /**
   * Replaces the remote catalog with the file at `url` (validated against the catalog schema),
   * in one transaction. 400 `catalog_fetch_failed` / `invalid_catalog` when it cannot be used.
   */
  async refreshFromUrl(url: string): Promise<CatalogRefreshResult> {
    const data = await fetchCatalogJson(url, this.fetchOptions);
    const parsed = catalogFileSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw invalid(
        'url',
        `The file is not a valid AIHub catalog${where}: ${issue?.message ?? 'invalid'}.`,
        'invalid_catalog',
      );
    }
    const file = parsed.data;
    if (file.models.length === 0) throw invalid('url', 'The catalog has no models.', 'invalid_catalog');
    const at = this.options.now();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('catalog_entries').where('source', '=', 'remote').execute();
      const rows = file.models.map((model) => ({
        provider: model.provider,
        model_id: model.id,
        source: 'remote' as const,
        data: JSON.stringify(model),
        updated_at: at,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('catalog_entries')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
    });
    await this.reload();
    return {
      models: file.models.length,
      providers: new Set(file.models.map((model) => model.provider)).size,
      source: { name: file.source.name, url: file.source.url, license: file.source.license },
    };
  }

  /** Goes back to the built-in catalog (overrides stay). */
  async resetRemote(): Promise<void> {
    await this.store.db.deleteFrom('catalog_entries').where('source', '=', 'remote').execute();
    await this.reload();
  }

  /**
   * Stores an override for (provider, model) and returns the resulting entry. 400 `invalid_value`
   * when the merged entry is not a valid model (e.g. a new model missing `mode` or `pricesKnown`).
   */
  async setOverride(provider: string, modelId: string, input: unknown): Promise<CatalogModel> {
    if (!PROVIDER_NAME.test(provider))
      throw invalid('provider', 'Provider names are lowercase letters, digits and hyphens.');
    if (!modelId || modelId.length > 256) throw invalid('model', 'A model id has 1 to 256 characters.');
    const parsedOverride = catalogOverrideSchema.safeParse(input);
    if (!parsedOverride.success) throw validationError(parsedOverride.error);
    const override = parsedOverride.data;
    let model: CatalogModel;
    try {
      model = applyOverride(this.base.get(provider, modelId), provider, modelId, override);
    } catch (error) {
      const issue = (error as { issues?: Array<{ message: string; path: PropertyKey[] }> }).issues?.[0];
      const where = issue?.path.length ? ` (${issue.path.map(String).join('.')})` : '';
      throw invalid(
        'override',
        `The override does not make a valid model${where}: ${issue?.message ?? String(error)}.`,
      );
    }
    const at = this.options.now();
    const data = JSON.stringify(override);
    await this.store.db
      .insertInto('catalog_entries')
      .values({ provider, model_id: modelId, source: 'override', data, updated_at: at })
      .onConflict((oc) => oc.columns(['provider', 'model_id', 'source']).doUpdateSet({ data, updated_at: at }))
      .execute();
    await this.reload();
    return model;
  }

  /** Removes an override; false when there was none. */
  async deleteOverride(provider: string, modelId: string): Promise<boolean> {
    const result = await this.store.db
      .deleteFrom('catalog_entries')
      .where('provider', '=', provider)
      .where('model_id', '=', modelId)
      .where('source', '=', 'override')
      .executeTakeFirst();
    await this.reload();
    return result.numDeletedRows > 0n;
  }

  private async rebuild(): Promise<Catalog> {
    const rows = await this.store.db.selectFrom('catalog_entries').selectAll().execute();
    const remote: CatalogModel[] = [];
    const overrides = new Map<string, CatalogOverrideEntry>();
    let remoteUpdatedAt: number | undefined;
    for (const row of rows) {
      const data = parseJson(row.data);
      if (row.source === 'remote') {
        const parsed = catalogModelSchema.safeParse(data);
        if (parsed.success) remote.push(parsed.data);
        else
          this.options.logger?.warn(
            { provider: row.provider, model: row.model_id },
            'skipping an invalid remote catalog row',
          );
        remoteUpdatedAt = Math.max(remoteUpdatedAt ?? 0, Number(row.updated_at));
      } else {
        const parsed = catalogOverrideSchema.safeParse(data);
        if (parsed.success) {
          overrides.set(key(row.provider, row.model_id), {
            provider: row.provider,
            modelId: row.model_id,
            override: parsed.data,
            updatedAt: Number(row.updated_at),
          });
        } else {
          this.options.logger?.warn(
            { provider: row.provider, model: row.model_id },
            'skipping an invalid catalog override',
          );
        }
      }
    }
    const base = remote.length > 0 ? new Catalog(remote) : this.builtin;
    const models = new Map<string, CatalogModel>();
    for (const model of base.all()) models.set(key(model.provider, model.id), model);
    for (const [entryKey, entry] of overrides) {
      try {
        models.set(
          entryKey,
          applyOverride(base.get(entry.provider, entry.modelId), entry.provider, entry.modelId, entry.override),
        );
      } catch {
        // An override for a model the new base lacks, and not complete on its own: it waits.
        this.options.logger?.warn(
          { provider: entry.provider, model: entry.modelId },
          'catalog override does not apply',
        );
      }
    }
    this.base = base;
    this.overrides = overrides;
    this.remoteUpdatedAt = remote.length > 0 ? remoteUpdatedAt : undefined;
    this.effective = overrides.size === 0 ? base : new Catalog(models.values());
    for (const listener of this.listeners) listener(this.effective);
    return this.effective;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
