/** The operator's pricing rules: read them, replace them (applied at once through the price book). */
import type { PriceBook } from '../../../billing/price-book.js';
import { savePriceRules } from '../../../billing/price-rules.js';
import { UNIT_KEY, UNIT_KINDS } from '../../../billing/unit-prices.js';
import type { Store } from '../../../store/database.js';
import type { ApiRegistry } from '../api-route.js';
import { priceRulesSchema, unitKeysResponse } from './billing-schemas.js';

const TAGS = ['prices'];

export function registerPriceRoutes(
  api: ApiRegistry,
  services: { store: Store; priceBook: PriceBook; now: () => number; newId: (prefix: string) => string },
): void {
  api.route(
    {
      method: 'GET',
      url: '/api/admin/prices',
      summary: 'Pricing rules: global, per-group and per-model multipliers (ppm) and fixed per-model prices',
      tags: TAGS,
      access: 'admin',
      response: priceRulesSchema,
    },
    async () => services.priceBook.currentRules,
  );

  api.route(
    {
      method: 'PUT',
      url: '/api/admin/prices',
      summary: 'Replace the pricing rules; they apply to the next request',
      tags: TAGS,
      access: 'admin',
      body: priceRulesSchema,
      response: priceRulesSchema,
    },
    async ({ body }) => {
      await savePriceRules(services.store, body, services.now(), services.newId);
      // Read back what was stored, so the answer is exactly what is in force.
      await services.priceBook.reload();
      return services.priceBook.currentRules;
    },
  );

  // The console checks a typed unit key with the server's own rule, not a copy of it: the
  // pattern is served, like the vendor registry is, so the two cannot drift apart.
  api.route(
    {
      method: 'GET',
      url: '/api/admin/prices/unit-keys',
      summary: 'What a per-unit price key may be: the unit kinds and the pattern PUT /api/admin/prices checks',
      tags: TAGS,
      access: 'admin',
      response: unitKeysResponse,
    },
    async () => ({ kinds: [...UNIT_KINDS], pattern: UNIT_KEY.source }),
  );
}
