/**
 * Everything the payment area needs at run time, built once at start: the providers in force
 * (payment-config.ts), the order service, the expiry sweep and the per-address counters of the
 * provider-facing routes.
 */
import type { Logger } from 'pino';
import type { SecretBox } from '../channels/secret-box.js';
import type { AttemptCounter, AttemptCounters } from '../limits/attempt-counter.js';
import type { Store } from '../store/database.js';
import { OrderExpirySweep } from './order-expiry-sweep.js';
import { OrderService, type OrderServiceOptions, type PaymentOrder, type PlanOrderHooks } from './order-service.js';
import { PaymentProviderConfigs } from './payment-config.js';
import type { PaymentProviderDefinition } from './payment-types.js';
import { PAYMENT_PROVIDER_DEFINITIONS } from './providers.js';

export interface PaymentServicesOptions {
  store: Store;
  env: NodeJS.ProcessEnv;
  box: SecretBox;
  now: () => number;
  newId: (prefix: string) => string;
  logger: Logger;
  attemptCounters: AttemptCounters;
  definitions?: ReadonlyArray<PaymentProviderDefinition>;
  /** Turns a paid plan order into its plan and back (plans/order-fulfilment.ts); without it plan orders are refused. */
  planOrders?: PlanOrderHooks;
  onSettled?: (order: PaymentOrder) => Promise<void>;
  /** What else a credited order earns, in its credit transaction (order-service.ts). */
  afterCredit?: OrderServiceOptions['afterCredit'];
  /** How often unpaid orders past their time are marked expired (default a minute). */
  expirySweepMs?: number;
}

export interface PaymentServices {
  providers: PaymentProviderConfigs;
  orders: OrderService;
  expirySweep: OrderExpirySweep;
  notifyFailures: AttemptCounter;
  returnVisits: AttemptCounter;
}

/** Failed verifications one address may cause per minute before it gets 429s (each one writes an event row). */
const NOTIFY_FAILURES_PER_MINUTE = 60;
/** Return visits logged per address and minute. */
const RETURN_VISITS_PER_MINUTE = 60;

export async function createPaymentServices(options: PaymentServicesOptions): Promise<PaymentServices> {
  const { store, now, newId, logger } = options;
  const providers = new PaymentProviderConfigs(store, {
    definitions: options.definitions ?? PAYMENT_PROVIDER_DEFINITIONS,
    env: options.env,
    box: options.box,
    deps: { now, fetch: (input, init) => fetch(input, init) },
    now,
    onSecretError: (error, where) =>
      logger.error({ err: error, ...where }, 'a payment provider secret does not decrypt'),
  });
  await providers.load();
  const orders = new OrderService(store, {
    now,
    newId,
    logger,
    planOrders: options.planOrders,
    onSettled: options.onSettled,
    afterCredit: options.afterCredit,
  });
  return {
    providers,
    orders,
    expirySweep: new OrderExpirySweep(orders, { intervalMs: options.expirySweepMs, logger }),
    notifyFailures: options.attemptCounters('payment_notify_failures', {
      points: NOTIFY_FAILURES_PER_MINUTE,
      durationSeconds: 60,
    }),
    returnVisits: options.attemptCounters('payment_returns', { points: RETURN_VISITS_PER_MINUTE, durationSeconds: 60 }),
  };
}
