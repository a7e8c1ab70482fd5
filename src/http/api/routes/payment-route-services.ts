/** What the payment routes (user, admin, provider-facing) are given. */
import type { Logger } from 'pino';
import type { AttemptCounter } from '../../../limits/attempt-counter.js';
import type { PlanPricing } from '../../../payments/order-request.js';
import type { OrderService } from '../../../payments/order-service.js';
import type { PaymentProviderConfigs } from '../../../payments/payment-config.js';
import type { TopUpRules } from '../../../payments/topup-quote.js';
import type { Store } from '../../../store/database.js';

export interface PaymentRouteServices {
  store: Store;
  orders: OrderService;
  providers: PaymentProviderConfigs;
  /** Live operator settings (SettingsService fits). */
  settings: { readonly value: { topUp: TopUpRules; publicBaseUrl: string } };
  /** Plans for sale; absent: a plan order is a 400 `plans_unavailable`. */
  planPricing?: PlanPricing;
  /** Failed notification verifications per address (a forger is slowed down, a provider never). */
  notifyFailures: AttemptCounter;
  /** Return visits logged per address (past the limit the browser is still redirected, unlogged). */
  returnVisits: AttemptCounter;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** The JSON nesting bound of every route (client-limits.ts), held on webhooks' raw bodies too. */
  jsonMaxDepth: number;
}
