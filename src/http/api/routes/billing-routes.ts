/**
 * Balance and ledger routes, and `registerBillingRoutes`, which registers every route of the
 * billing area (balance, ledger, admin adjustments, redemption codes, prices, catalog, the
 * public model list and the overrun alerts) in one call.
 */
import type { Ledger } from '../../../billing/ledger.js';
import { listLedgerEntries, readBalance, readKeySpend } from '../../../billing/ledger-query.js';
import { formatUsd } from '../../../billing/money.js';
import type { PriceBook } from '../../../billing/price-book.js';
import type { RedemptionService } from '../../../billing/redemption-service.js';
import type { CatalogService } from '../../../catalog/catalog-service.js';
import { GatewayError } from '../../../ir/index.js';
import type { Store } from '../../../store/database.js';
import type { ApiRegistry } from '../api-route.js';
import {
  adjustBody,
  adjustResponse,
  balanceResponse,
  idParams,
  ledgerQuery,
  ledgerResponse,
} from './billing-schemas.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { registerOverrunRoutes } from './overrun-routes.js';
import { registerPriceRoutes } from './price-routes.js';
import { registerRedemptionRoutes } from './redemption-routes.js';

export interface BillingRouteServices {
  store: Store;
  ledger: Ledger;
  redemptions: RedemptionService;
  priceBook: PriceBook;
  catalog: CatalogService;
  /** Live settings (SettingsService fits). */
  settings: { readonly value: { overdraft: number; defaultGroup: string } };
  /** The model ids the gateway routes now (GET /api/models lists uncatalogued ones sold at a fixed price). */
  routableModels?: () => ReadonlyArray<{ id: string; ownedBy: string }>;
  now: () => number;
  newId: (prefix: string) => string;
}

export function registerBillingRoutes(api: ApiRegistry, services: BillingRouteServices): void {
  registerBalanceRoutes(api, services);
  registerRedemptionRoutes(api, services);
  registerPriceRoutes(api, services);
  registerCatalogRoutes(api, services);
  registerOverrunRoutes(api, services);
}

const TAGS = ['billing'];

function noUser(id: string): GatewayError {
  return new GatewayError({ kind: 'not_found', code: 'user_not_found', message: `No user ${id}.` });
}

export function registerBalanceRoutes(api: ApiRegistry, services: BillingRouteServices): void {
  const { store } = services;

  api.route(
    {
      method: 'GET',
      url: '/api/balance',
      summary: 'Your balance, what requests in progress hold, and (with an API key) that key’s quota',
      tags: TAGS,
      access: 'user',
      response: balanceResponse,
    },
    async ({ principal }) => {
      const balance = await readBalance(store, principal.userId);
      if (!balance) throw noUser(principal.userId);
      const key = principal.keyId ? ((await readKeySpend(store, principal.keyId, principal.userId)) ?? null) : null;
      return {
        ...balance,
        overdraft: services.settings.value.overdraft,
        balanceUsd: formatUsd(balance.balance),
        availableUsd: formatUsd(balance.available),
        key,
      };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/ledger',
      summary: 'Your ledger, newest first (admins: any user’s with ?userId=)',
      tags: TAGS,
      access: 'user',
      query: ledgerQuery,
      response: ledgerResponse,
    },
    async ({ principal, query }) => {
      const userId = query.userId ?? principal.userId;
      if (userId !== principal.userId && principal.role !== 'admin') {
        throw new GatewayError({
          kind: 'permission',
          code: 'admin_required',
          param: 'userId',
          message: 'Only administrators can read another user’s ledger.',
        });
      }
      const page = await listLedgerEntries(store, { ...query, userId });
      // Lists answer `{ data, nextCursor }` across the API.
      return {
        data: page.entries.map((entry) => ({ ...entry, amountUsd: formatUsd(entry.amount) })),
        nextCursor: page.nextCursor,
      };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/users/:id/adjust',
      summary: 'Add to or deduct from a user’s balance, with a reason (a ledger entry)',
      tags: TAGS,
      access: 'admin',
      params: idParams,
      body: adjustBody,
      response: adjustResponse,
    },
    async ({ principal, params, body }) => {
      const result = await services.ledger.adjustBalance(principal.userId, params.id, body.amount, body.reason);
      return {
        entryId: result.entryId,
        reference: result.reference,
        balance: result.balanceAfter,
        balanceUsd: formatUsd(result.balanceAfter),
      };
    },
  );
}
