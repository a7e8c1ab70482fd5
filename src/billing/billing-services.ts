/**
 * The billing area wired together, for the app to create once: the effective catalog, the price
 * book following it, the ledger with its instance heartbeat and orphan sweep, redemption codes,
 * and the relay's billing port. start() loads everything; stop() after the server has drained.
 */
import type { Logger } from 'pino';
import type { CatalogFetchOptions } from '../catalog/catalog-fetch.js';
import { CatalogService } from '../catalog/catalog-service.js';
import { PlanService } from '../plans/plan-service.js';
import type { RelayBilling } from '../relay/relay-ports.js';
import type { Store } from '../store/database.js';
import { Ledger, type LedgerOptions } from './ledger.js';
import { PriceBook } from './price-book.js';
import { RedemptionService } from './redemption-service.js';
import { createRelayBilling } from './relay-billing.js';

export interface BillingServicesOptions {
  store: Store;
  /** Live settings (SettingsService fits): overdraft, the default group and the default output limit. */
  settings: {
    readonly value: {
      overdraft: number;
      defaultGroup: string;
      defaultMaxOutputTokens: number;
      webSearchHoldCalls?: number;
      planTimezone: string;
    };
  };
  now: () => number;
  newId: (prefix: string) => string;
  /** This process's instance id (new on every start). */
  instanceId: string;
  logger?: Logger;
  catalogFetch?: Partial<CatalogFetchOptions>;
  /** How often ended plan periods are renewed or expired (default 30 s). */
  planSweepEveryMs?: number;
  /** Heartbeat and orphan-sweep timings (defaults: 10 s, 60 s, 30 s). */
  ledgerTimings?: Pick<LedgerOptions, 'heartbeatEveryMs' | 'orphanAfterMs' | 'sweepEveryMs'>;
}

export interface BillingServices {
  catalog: CatalogService;
  priceBook: PriceBook;
  ledger: Ledger;
  redemptions: RedemptionService;
  plans: PlanService;
  relayBilling: RelayBilling;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createBillingServices(options: BillingServicesOptions): BillingServices {
  const { store, now, newId, logger } = options;
  const catalog = new CatalogService(store, {
    now,
    ...(logger ? { logger } : {}),
    ...(options.catalogFetch ? { fetch: options.catalogFetch } : {}),
  });
  const priceBook = new PriceBook(store, catalog.current);
  catalog.onChange((current) => priceBook.setCatalog(current));
  const plans = new PlanService({
    store,
    now,
    newId,
    settings: options.settings,
    ...(logger ? { logger } : {}),
    ...(options.planSweepEveryMs ? { sweepEveryMs: options.planSweepEveryMs } : {}),
  });
  const ledger = new Ledger(store, {
    now,
    newId,
    plans: plans.meter,
    instanceId: options.instanceId,
    settings: options.settings,
    ...(logger ? { logger } : {}),
    ...options.ledgerTimings,
  });
  return {
    catalog,
    priceBook,
    ledger,
    redemptions: new RedemptionService(store, { now, newId, plans }),
    plans,
    relayBilling: createRelayBilling({
      ledger,
      priceBook,
      settings: options.settings,
      ...(logger ? { logger } : {}),
    }),
    async start() {
      await catalog.reload();
      await priceBook.reload();
      await ledger.start();
      await plans.start();
    },
    async stop() {
      plans.stop();
      await ledger.stop();
    },
  };
}
