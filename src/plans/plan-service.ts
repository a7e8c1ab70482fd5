/**
 * Subscription plans wired together, for the app to create once: the plan catalog, who holds a
 * subscription (in memory), the ledger's plan meter, and the renewal sweep. start() loads and
 * starts the sweep; stop() ends it.
 *
 * Time: every decision reads `now()` (injected), so tests move time. The operator's time zone for
 * daily and weekly windows is the live setting `planTimezone` (default UTC).
 */
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { PlanCatalog } from './plan-catalog.js';
import { subscriptionNotFoundError } from './plan-errors.js';
import { PlanMeter } from './plan-meter.js';
import { SubscriberSet } from './subscriber-set.js';
import {
  endPlanOfRefundedOrder,
  type GrantContext,
  grantPlanFromOrder,
  grantSubscription,
  loadPlan,
  type OrderGrant,
  type OrderGrantResult,
  purchaseWithBalance,
  recordEvent,
} from './subscription-grant.js';
import { type RenewalOutcome, renewDue, renewOrExpire } from './subscription-renewal.js';
import { listSubscriptions, type SubscriptionView } from './subscription-views.js';

export interface PlanServiceOptions {
  store: Store;
  now: () => number;
  newId: (prefix: string) => string;
  settings: { readonly value: { planTimezone: string } };
  logger?: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** How often periods that ended are renewed or expired, and the subscriber set rebuilt (default 30 s). */
  sweepEveryMs?: number;
}

export class PlanService {
  readonly catalog: PlanCatalog;
  readonly subscribers: SubscriberSet;
  readonly meter: PlanMeter;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PlanServiceOptions) {
    this.catalog = new PlanCatalog(options.store, { now: options.now, newId: options.newId });
    this.subscribers = new SubscriberSet(options.store, options.now);
    this.meter = new PlanMeter(options.store, {
      now: options.now,
      timeZone: () => this.timeZone(),
      subscribers: this.subscribers,
      renew: (id) => this.renewOne(id),
    });
  }

  async start(): Promise<void> {
    await this.subscribers.reload();
    await this.sweep();
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.options.logger?.error({ err: error }, 'plan renewal sweep failed'));
    }, this.options.sweepEveryMs ?? 30_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Renews or expires every subscription whose period ended, then rebuilds the subscriber set. */
  async sweep(): Promise<RenewalOutcome[]> {
    const outcomes = await renewDue(this.options.store, this.context());
    if (outcomes.some((outcome) => outcome.status !== 'not-due')) await this.subscribers.changed();
    else await this.subscribers.reload();
    return outcomes;
  }

  async renewOne(subscriptionId: string): Promise<RenewalOutcome> {
    const outcome = await renewOrExpire(this.options.store, this.context(), subscriptionId);
    if (outcome.status === 'expired') await this.subscribers.changed();
    return outcome;
  }

  /** Buys a plan with the balance (402 when it does not cover the price; 400 for an archived plan). */
  async purchase(userId: string, planId: string, autoRenew: boolean): Promise<SubscriptionView> {
    const id = await this.options.store.db
      .transaction()
      .execute((trx) => purchaseWithBalance(trx, this.context(), { userId, planId, autoRenew }));
    return this.granted(userId, id);
  }

  /** An administrator's grant: free, for one period, auto-renewing from the balance only if asked. */
  async grant(
    adminUserId: string,
    input: { userId: string; planId: string; autoRenew?: boolean; note?: string },
  ): Promise<SubscriptionView> {
    const context = this.context();
    const id = await this.options.store.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
      if (!user)
        throw new GatewayError({ kind: 'not_found', code: 'user_not_found', message: `No user ${input.userId}.` });
      const plan = await loadPlan(trx, input.planId);
      return grantSubscription(trx, context, {
        userId: input.userId,
        plan,
        source: 'admin',
        autoRenew: input.autoRenew ?? false,
        price: 0,
        note: `Granted by ${adminUserId}${input.note ? `: ${input.note}` : ''}`,
      });
    });
    return this.granted(input.userId, id);
  }

  /**
   * For the payment order service, inside its transaction (see subscription-grant.ts): idempotent
   * by orderId. Call `subscriptionsChanged(userId)` after the transaction commits so other
   * replicas learn at once (they also learn within one sweep interval without it).
   */
  grantPlanFromOrder(trx: Transaction<Database>, input: OrderGrant): Promise<OrderGrantResult> {
    const context = this.context();
    return grantPlanFromOrder(trx, input, { ...context, onGranted: (userId) => this.subscribers.add(userId) });
  }

  /**
   * For the payment order service, inside the transaction applying a full refund of a plan order
   * (see subscription-grant.ts). Call `subscriptionsChanged(userId)` after it commits.
   */
  endPlanOfRefundedOrder(trx: Transaction<Database>, orderId: string) {
    return endPlanOfRefundedOrder(trx, orderId, this.context());
  }

  /** For redemption codes that grant a plan, inside the redeem transaction. Returns the subscription id. */
  async grantFromRedemption(
    trx: Transaction<Database>,
    input: { userId: string; planId: string; codeId: string },
  ): Promise<string> {
    const plan = await loadPlan(trx, input.planId);
    this.subscribers.add(input.userId);
    return grantSubscription(trx, this.context(), {
      userId: input.userId,
      plan,
      source: 'redemption',
      sourceRef: input.codeId,
      autoRenew: false,
      price: 0,
      note: `Redeemed code ${input.codeId}`,
    });
  }

  /** After a transaction that granted or ended a subscription committed: rebuild and announce. */
  async subscriptionsChanged(userId?: string): Promise<void> {
    if (userId) this.subscribers.settle(userId);
    await this.subscribers.changed();
  }

  /**
   * Cancels at once (coverage stops now; requests in flight finish on it) or changes auto-renew.
   * `ownerOnly` restricts to the actor's own subscriptions (a user's call); false = an administrator.
   */
  async update(
    id: string,
    change: { status?: 'cancelled'; autoRenew?: boolean },
    actor: { userId: string; ownerOnly: boolean },
  ): Promise<SubscriptionView> {
    const context = this.context();
    await this.options.store.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('subscriptions')
        .select(['user_id', 'status'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row || (actor.ownerOnly && row.user_id !== actor.userId)) throw subscriptionNotFoundError(id);
      if (change.autoRenew !== undefined) {
        await trx
          .updateTable('subscriptions')
          .set({ auto_renew: change.autoRenew ? 1 : 0, updated_at: context.now })
          .where('id', '=', id)
          .execute();
        await recordEvent(
          trx,
          context,
          id,
          'auto_renew_changed',
          `Auto-renew ${change.autoRenew ? 'on' : 'off'} (by ${actor.userId}).`,
        );
      }
      if (change.status === 'cancelled' && row.status === 'active') {
        await trx
          .updateTable('subscriptions')
          .set({ status: 'cancelled', updated_at: context.now })
          .where('id', '=', id)
          .execute();
        await recordEvent(trx, context, id, 'cancelled', `Cancelled by ${actor.userId}.`);
      }
    });
    if (change.status === 'cancelled') await this.subscribers.changed();
    const [view] = await this.list({ id });
    if (!view) throw subscriptionNotFoundError(id);
    return view;
  }

  list(filter: { userId?: string; id?: string }): Promise<SubscriptionView[]> {
    return listSubscriptions(this.options.store, filter, this.options.now(), this.timeZone());
  }

  private async granted(userId: string, id: string): Promise<SubscriptionView> {
    await this.subscriptionsChanged(userId);
    const [view] = await this.list({ id });
    if (!view) throw subscriptionNotFoundError(id);
    return view;
  }

  private timeZone(): string {
    return this.options.settings.value.planTimezone || 'UTC';
  }

  private context(): GrantContext {
    return { now: this.options.now(), newId: this.options.newId };
  }
}
