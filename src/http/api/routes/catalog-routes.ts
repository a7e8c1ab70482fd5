/**
 * The public model list with official and sale prices side by side, and the admin's catalog
 * controls (refresh from a URL, per-model overrides).
 */
import type { PriceBook } from '../../../billing/price-book.js';
import { type PriceSheet, type SalePrice, TOKEN_PRICE_FIELDS } from '../../../billing/price-types.js';
import type { CatalogModel } from '../../../catalog/catalog.js';
import { catalogOverrideSchema } from '../../../catalog/catalog-override.js';
import { catalogModelSchema, type ModelMode } from '../../../catalog/catalog-schema.js';
import type { CatalogService } from '../../../catalog/catalog-service.js';
import { GatewayError } from '../../../ir/index.js';
import type { PublicModels } from '../../../platform/site-settings.js';
import type { ApiRegistry } from '../api-route.js';
import {
  catalogStatusResponse,
  modelsQuery,
  modelsResponse,
  overrideParams,
  refreshBody,
  refreshResponse,
} from './billing-schemas.js';

const TAGS = ['catalog'];

export interface CatalogRouteServices {
  catalog: CatalogService;
  priceBook: PriceBook;
  /** `publicModels` other than `prices`: signed-out callers get the public list instead (public-routes.ts). */
  settings: { readonly value: { defaultGroup: string; publicModels?: PublicModels } };
  /** The model ids the gateway routes now (the router's list): uncatalogued ones with a fixed price are listed too. */
  routableModels?: () => ReadonlyArray<{ id: string; ownedBy: string }>;
}

const PRICE_FIELDS = [...TOKEN_PRICE_FIELDS, 'perRequest', 'perImage', 'perWebSearch', 'perUnit', 'tiers'] as const;

function prices(sheet: PriceSheet): Record<string, unknown> | null {
  if (!sheet.known) return null;
  const out: Record<string, unknown> = {};
  for (const field of PRICE_FIELDS) if (sheet[field] !== undefined) out[field] = sheet[field];
  return out;
}

export function modelView(model: CatalogModel, priceBook: PriceBook, group: string) {
  const official = priceBook.officialPrices(model.provider, model.id);
  const sale: SalePrice = priceBook.salePrices(model.provider, model.id, group);
  const saleView = prices(sale);
  return {
    id: model.id,
    provider: model.provider,
    kind: model.mode,
    ...(model.endpoint ? { endpoint: model.endpoint } : {}),
    ...(model.contextWindow ? { contextWindow: model.contextWindow } : {}),
    ...(model.maxOutputTokens ? { maxOutputTokens: model.maxOutputTokens } : {}),
    capabilities: model.capabilities,
    pricesKnown: sale.known,
    official: prices(official),
    sale: saleView ? { ...saleView, source: sale.source } : null,
    ...(model.deprecationDate ? { deprecationDate: model.deprecationDate } : {}),
  };
}

/**
 * A routed model the catalog does not know (a house model, a fine-tune) that the operator sells at
 * a fixed price: listed with that price, so the console shows what the relay bills for it instead
 * of "no price". Its kind is `chat`, as GET /v1/models says of a model the catalog does not know.
 * Undefined when the catalog knows the model or no fixed price covers it.
 */
export function uncataloguedModelView(listed: { id: string; ownedBy: string }, priceBook: PriceBook, group: string) {
  if (priceBook.resolveModel(listed.ownedBy, listed.id)) return undefined;
  const sale = priceBook.salePrices(listed.ownedBy, listed.id, group);
  const saleView = prices(sale);
  if (sale.source !== 'fixed' || !saleView) return undefined;
  return {
    id: listed.id,
    provider: listed.ownedBy,
    kind: 'chat' as const,
    capabilities: {},
    pricesKnown: true,
    official: null,
    sale: { ...saleView, source: sale.source },
  };
}

export function registerCatalogRoutes(api: ApiRegistry, services: CatalogRouteServices): void {
  const { catalog, priceBook } = services;
  // The full list is ~2,000 models: built once per group and kept as JSON text until the
  // catalog or the prices change, so this public endpoint costs a map lookup.
  const cache = new Map<string, string>();
  catalog.onChange(() => cache.clear());
  priceBook.onChange(() => cache.clear());

  const listJson = (group: string, provider: string | undefined, kind: ModelMode | undefined): string => {
    const cacheKey = `${group}\u0000${provider ?? ''}\u0000${kind ?? ''}`;
    let json = cache.get(cacheKey);
    if (json === undefined) {
      const models = (provider ? catalog.current.listByProvider(provider) : catalog.current.all()).filter(
        (model) => kind === undefined || model.mode === kind,
      );
      json = JSON.stringify(models.map((model) => modelView(model, priceBook, group)));
      // Bounded: providers × groups seen; an unknown provider yields a tiny entry, and the cap
      // keeps a scan of made-up names from growing it.
      if (cache.size > 1_000) cache.clear();
      cache.set(cacheKey, json);
    }
    return json;
  };

  /** Not cached: the routed list changes with the channels, and these are few. */
  const uncataloguedJson = (group: string, provider: string | undefined, kind: ModelMode | undefined): string[] => {
    if (kind !== undefined && kind !== 'chat') return [];
    const out: string[] = [];
    const seen = new Set<string>();
    for (const listed of services.routableModels?.() ?? []) {
      if ((provider && listed.ownedBy !== provider) || seen.has(listed.id)) continue;
      seen.add(listed.id);
      const view = uncataloguedModelView(listed, priceBook, group);
      if (view) out.push(JSON.stringify(view));
    }
    return out;
  };

  api.route(
    {
      method: 'GET',
      url: '/api/models',
      summary: 'Every model with its kind, limits, capabilities, official price and your sale price',
      tags: TAGS,
      access: 'public',
      query: modelsQuery,
      response: modelsResponse,
    },
    async ({ principal, query, reply }) => {
      const visibility = services.settings.value.publicModels ?? 'prices';
      if (!principal && visibility !== 'prices') {
        // The operator keeps prices (or the list) from visitors: they get GET /api/public/models.
        throw new GatewayError({
          kind: 'authentication',
          code: 'unauthenticated',
          message: 'Log in to see the model list with prices.',
        });
      }
      let group = principal?.group ?? services.settings.value.defaultGroup;
      if (query.group && query.group !== group) {
        if (principal?.role !== 'admin') {
          throw new GatewayError({
            kind: 'permission',
            code: 'admin_required',
            param: 'group',
            message: 'Only administrators can see another group’s prices.',
          });
        }
        group = query.group;
      }
      reply.type('application/json; charset=utf-8').header('cache-control', 'no-store');
      const catalogued = listJson(group, query.provider, query.kind);
      const extra = uncataloguedJson(group, query.provider, query.kind);
      const data =
        extra.length === 0
          ? catalogued
          : `${catalogued.slice(0, -1)}${catalogued.length > 2 ? ',' : ''}${extra.join(',')}]`;
      return `{"group":${JSON.stringify(group)},"data":${data}}`;
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/catalog',
      summary: 'Where the catalog comes from (built-in or refreshed) and the overrides in force',
      tags: TAGS,
      access: 'admin',
      response: catalogStatusResponse,
    },
    async () => ({ ...catalog.status, overrideList: catalog.listOverrides() }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/catalog/refresh',
      summary: 'Replace the catalog with a file in the same JSON format fetched from a URL',
      tags: TAGS,
      access: 'admin',
      body: refreshBody,
      response: refreshResponse,
    },
    async ({ body }) => catalog.refreshFromUrl(body.url),
  );

  api.route(
    {
      method: 'DELETE',
      url: '/api/admin/catalog/remote',
      summary: 'Go back to the built-in catalog (overrides stay)',
      tags: TAGS,
      access: 'admin',
      status: 204,
    },
    async () => {
      await catalog.resetRemote();
      return undefined;
    },
  );

  api.route(
    {
      method: 'PUT',
      url: '/api/admin/catalog/overrides/:provider/:model',
      summary: 'Override fields of a catalog entry (or add a model with a complete entry)',
      tags: TAGS,
      access: 'admin',
      params: overrideParams,
      body: catalogOverrideSchema,
      response: catalogModelSchema,
    },
    async ({ params, body }) => catalog.setOverride(params.provider, params.model, body),
  );

  api.route(
    {
      method: 'DELETE',
      url: '/api/admin/catalog/overrides/:provider/:model',
      summary: 'Remove an override',
      tags: TAGS,
      access: 'admin',
      status: 204,
      params: overrideParams,
    },
    async ({ params }) => {
      if (!(await catalog.deleteOverride(params.provider, params.model))) {
        throw new GatewayError({
          kind: 'not_found',
          code: 'not_found',
          message: `No override for ${params.provider}/${params.model}.`,
        });
      }
      return undefined;
    },
  );
}
