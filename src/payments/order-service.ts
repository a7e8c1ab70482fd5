/**
 * Payment orders: the one place where a payment becomes credit. Providers authenticate what they
 * receive (payment-types.ts); this service decides what a verified notice does to its order and
 * the ledger, and records every notice, accepted or not, in `payment_events`.
 *
 * Exactly once, whatever arrives how often: crediting is one transaction that (1) flips the
 * order from `created`/`expired` to `credited` with a conditional UPDATE that also checks the
 * amount and currency, (2) claims the event's key in `payment_events` (unique per provider) and
 * (3) appends the ledger entry (kind `topup`, reference = the order id: unique too). Of any number
 * of concurrent deliveries only one UPDATE can match (PostgreSQL re-checks the WHERE after the
 * row lock; SQLite runs writers one at a time); the others change nothing and are recorded as
 * duplicates. Reversals (refunds, lost disputes) are keyed by the provider's reversal id the
 * same way, and take back the credit in proportion to the money returned, bonus included.
 */
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { appendLedgerEntry } from '../billing/ledger-write.js';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { Database, PaymentOrdersTable } from '../store/schema.js';
import type {
  CheckoutUrls,
  Currency,
  OrderPurpose,
  OrderStatus,
  PaymentMethod,
  PaymentNotice,
  PaymentProvider,
} from './payment-types.js';

/** How long a new order waits to be paid before it is marked expired (a later payment still credits). */
export const DEFAULT_ORDER_TTL_MS = 60 * 60 * 1000;
/** Unpaid orders a user may have open at once: bounds what one account can make us create at a provider. */
export const MAX_OPEN_ORDERS_PER_USER = 10;

export interface PaymentOrder {
  id: string;
  userId: string;
  method: PaymentMethod;
  purpose: OrderPurpose;
  planId: string | null;
  status: OrderStatus;
  currency: Currency;
  payAmount: number;
  creditAmount: number;
  bonusAmount: number;
  refundedPayAmount: number;
  reversedAmount: number;
  providerRef: string | null;
  checkout: { url?: string; qrCode?: string } | null;
  detail: Record<string, string> | null;
  markedBy: string | null;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  creditedAt: number | null;
}

export interface NewOrder {
  userId: string;
  method: PaymentMethod;
  purpose: OrderPurpose;
  planId?: string | null;
  currency: Currency;
  payAmount: number;
  /** Ledger units credited when paid, bonus included. */
  creditAmount: number;
  bonusAmount: number;
  /** What the payment page shows. */
  subject: string;
}

export interface PlanOrderRef {
  id: string;
  userId: string;
  planId: string;
  /** Ledger units the order credited (what the plan was bought for). */
  amount: number;
}

/** What a plan order does to its plan, inside the order's own transactions (plans/order-fulfilment.ts). */
export interface PlanOrderHooks {
  /** After the credit: spends it on the plan and grants the subscription. */
  fulfil(trx: Transaction<Database>, order: PlanOrderRef): Promise<void>;
  /**
   * After a full refund took the credit back: takes the plan back too, when the period the order
   * paid for is still running (see order-fulfilment.ts). Resolves whether a subscription ended.
   */
  takeBack(trx: Transaction<Database>, order: PlanOrderRef): Promise<boolean>;
}

export interface OrderServiceOptions {
  now: () => number;
  newId: (prefix: string) => string;
  orderTtlMs?: number;
  planOrders?: PlanOrderHooks;
  /**
   * After an order's credit, or a refund that ended its plan, committed (other replicas may need
   * telling: a plan order's subscription).
   */
  onSettled?: (order: PaymentOrder) => Promise<void>;
  /**
   * Inside the transaction that credits an order, after its credit (and plan): what else a payment
   * earns, exactly once with it (invitations/invitation-service.ts: the inviter's reward).
   */
  afterCredit?: (trx: Transaction<Database>, order: PaymentOrder) => Promise<unknown>;
  logger?: Pick<Logger, 'warn' | 'info' | 'error'>;
}

export type NoticeOutcome = 'credited' | 'reversed' | 'duplicate' | 'refused' | 'ignored';

export interface NoticeResult {
  outcome: NoticeOutcome;
  orderId: string | null;
  /** Why, for the event log and the operator (never sent to the notifier). */
  reason: string;
}

export interface NoticeContext {
  kind: 'notify' | 'webhook';
  remoteAddress?: string;
}

export type AdminMark = 'credited' | 'failed' | 'expired';

export class OrderService {
  private readonly ttlMs: number;

  constructor(
    private readonly store: Store,
    private readonly options: OrderServiceOptions,
  ) {
    this.ttlMs = options.orderTtlMs ?? DEFAULT_ORDER_TTL_MS;
  }

  /**
   * Records a new order and opens its checkout at the provider. A provider that fails leaves the
   * order `failed` and answers 502 `payment_provider_error`; too many open orders is a 429.
   */
  async create(
    input: NewOrder,
    provider: PaymentProvider,
    urls: (orderId: string) => CheckoutUrls,
    payer: { ip?: string } = {},
  ): Promise<PaymentOrder> {
    assertAmount(input.payAmount, 'payAmount');
    assertAmount(input.creditAmount, 'creditAmount');
    if (provider.method !== input.method || provider.currency !== input.currency) {
      throw new Error(
        `Order for ${input.method}/${input.currency} given provider ${provider.method}/${provider.currency}.`,
      );
    }
    if (input.purpose === 'plan' && !input.planId) throw new Error('A plan order needs its plan id.');
    const now = this.options.now();
    await this.expireDue();
    const open = await this.store.db
      .selectFrom('payment_orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', input.userId)
      .where('status', '=', 'created')
      .executeTakeFirstOrThrow();
    if (Number(open.n) >= MAX_OPEN_ORDERS_PER_USER) {
      throw new GatewayError({
        kind: 'rate_limit',
        code: 'too_many_open_orders',
        message: `You have ${MAX_OPEN_ORDERS_PER_USER} unpaid orders open. Pay or wait for one to expire before starting another.`,
        retryAfterMs: this.ttlMs,
      });
    }
    const id = this.options.newId('ord');
    const expiresAt = now + this.ttlMs;
    await this.store.db
      .insertInto('payment_orders')
      .values({
        id,
        user_id: input.userId,
        method: input.method,
        purpose: input.purpose,
        plan_id: input.planId ?? null,
        status: 'created',
        currency: input.currency,
        pay_amount: input.payAmount,
        credit_amount: input.creditAmount,
        bonus_amount: input.bonusAmount,
        refunded_pay_amount: 0,
        reversed_amount: 0,
        provider_ref: null,
        checkout: null,
        detail: null,
        marked_by: null,
        created_at: now,
        updated_at: now,
        expires_at: expiresAt,
        credited_at: null,
      })
      .execute();
    try {
      const checkout = await provider.createCheckout(
        {
          id,
          payAmount: input.payAmount,
          currency: input.currency,
          subject: input.subject,
          expiresAt,
          ...(payer.ip ? { payerIp: payer.ip } : {}),
        },
        urls(id),
      );
      const { providerRef, ...where } = checkout;
      await this.store.db
        .updateTable('payment_orders')
        .set({ provider_ref: providerRef, checkout: JSON.stringify(where), updated_at: this.options.now() })
        .where('id', '=', id)
        .where('status', '=', 'created')
        .execute();
    } catch (error) {
      this.options.logger?.warn(
        { err: error, orderId: id, method: input.method },
        'payment provider refused a checkout',
      );
      await this.store.db
        .updateTable('payment_orders')
        .set({ status: 'failed', updated_at: this.options.now() })
        .where('id', '=', id)
        .where('status', '=', 'created')
        .execute();
      throw new GatewayError({
        kind: 'upstream_error',
        code: 'payment_provider_error',
        message: 'The payment provider could not start this payment. Try again later or choose another method.',
        cause: error,
      });
    }
    return this.require(id);
  }

  async get(id: string): Promise<PaymentOrder | undefined> {
    const row = await this.store.db.selectFrom('payment_orders').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toOrder(row) : undefined;
  }

  /** A user's own order; another user's is "not found", never "forbidden". */
  async getOwned(id: string, userId: string): Promise<PaymentOrder> {
    const order = await this.get(id);
    if (!order || order.userId !== userId) throw orderNotFound(id);
    return order;
  }

  /** Marks unpaid orders past their time expired. Returns how many. */
  async expireDue(): Promise<number> {
    const now = this.options.now();
    const result = await this.store.db
      .updateTable('payment_orders')
      .set({ status: 'expired', updated_at: now })
      .where('status', '=', 'created')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Applies a verified notice from `provider`: credits, reverses, or records why not. Never
   * throws for a notice that is merely wrong (unknown order, amount mismatch...): that is a
   * `refused` outcome, logged. Throws only when the database fails (the provider then retries).
   */
  async applyNotice(provider: PaymentMethod, notice: PaymentNotice, context: NoticeContext): Promise<NoticeResult> {
    const order = await this.findForNotice(provider, notice);
    const record = (result: NoticeResult, eventKey: string | null = null) =>
      this.recordEvent({ provider, eventKey, notice, context, result }).then(() => result);
    if (!order) {
      return record({ outcome: 'refused', orderId: null, reason: 'No order of ours matches this notification.' });
    }
    if (notice.type === 'ignored') return record({ outcome: 'ignored', orderId: order.id, reason: notice.reason });
    if (notice.currency !== order.currency) {
      return record({
        outcome: 'refused',
        orderId: order.id,
        reason: `Currency ${notice.currency} does not match the order's ${order.currency}.`,
      });
    }
    if (notice.type === 'paid') return this.credit(provider, order, notice, context, record);
    return this.reverse(provider, order, notice, context, record);
  }

  /**
   * An operator's decision on a stuck order, after checking it with the provider: `credited`
   * credits it exactly as a notification would (once); `failed` / `expired` close an unpaid one.
   * Logged with who did it.
   */
  async mark(orderId: string, target: AdminMark, actor: string, note: string): Promise<PaymentOrder> {
    const order = await this.get(orderId);
    if (!order) throw orderNotFound(orderId);
    const reason = note.trim() || `Marked ${target} by an operator.`;
    const now = this.options.now();
    if (target === 'credited') {
      const done = await this.store.db.transaction().execute(async (trx) => {
        const flipped = await this.flipToCredited(trx, order, { markedBy: actor });
        if (!flipped) return false;
        await this.postCredit(trx, order, null);
        await this.insertEvent(trx, {
          provider: order.method,
          eventKey: null,
          orderId: order.id,
          kind: 'admin',
          outcome: 'credited',
          reason,
          actor,
          payload: null,
        });
        return true;
      });
      if (!done) throw notMarkable(order, target);
      await this.afterSettled(order);
    } else {
      const result = await this.store.db
        .updateTable('payment_orders')
        .set({ status: target, marked_by: actor, updated_at: now })
        .where('id', '=', order.id)
        .where('status', 'in', ['created', 'expired'])
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notMarkable(order, target);
      await this.insertEvent(this.store.db, {
        provider: order.method,
        eventKey: null,
        orderId: order.id,
        kind: 'admin',
        outcome: 'marked',
        reason: `${target}: ${reason}`,
        actor,
        payload: null,
      });
    }
    return this.require(order.id);
  }

  private async credit(
    provider: PaymentMethod,
    order: PaymentOrder,
    notice: Extract<PaymentNotice, { type: 'paid' }>,
    context: NoticeContext,
    record: (result: NoticeResult, eventKey?: string | null) => Promise<NoticeResult>,
  ): Promise<NoticeResult> {
    if (notice.payAmount !== order.payAmount) {
      return record({
        outcome: 'refused',
        orderId: order.id,
        reason: `Paid ${notice.payAmount} minor units; the order is for ${order.payAmount}.`,
      });
    }
    const credited = await this.store.db
      .transaction()
      .execute(async (trx) => {
        const flipped = await this.flipToCredited(trx, order, {
          detail: notice.detail,
          providerRef: notice.providerRef,
        });
        if (!flipped) return false;
        const claimed = await this.insertEvent(trx, {
          provider,
          eventKey: notice.eventKey,
          orderId: order.id,
          kind: context.kind,
          outcome: 'credited',
          reason: `Paid ${formatPay(order)}; credited ${order.creditAmount} units.`,
          remoteAddress: context.remoteAddress,
          payload: JSON.stringify(notice.detail),
        });
        // The same event key already applied to another order: impossible for an honest provider.
        if (!claimed) throw new EventKeyReused();
        await this.postCredit(trx, order, provider);
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof EventKeyReused) return 'reused' as const;
        throw error;
      });
    if (credited === true) {
      this.options.logger?.info({ orderId: order.id, units: order.creditAmount, provider }, 'payment credited');
      await this.afterSettled(order);
      return { outcome: 'credited', orderId: order.id, reason: 'Credited.' };
    }
    if (credited === 'reused') {
      return record({
        outcome: 'refused',
        orderId: order.id,
        reason: `Event ${notice.eventKey} was already applied to another order.`,
      });
    }
    const now = await this.require(order.id);
    if (now.status === 'credited' || (now.status === 'refunded' && now.creditedAt !== null)) {
      return record({ outcome: 'duplicate', orderId: order.id, reason: 'Already credited: nothing more to do.' });
    }
    return record({
      outcome: 'refused',
      orderId: order.id,
      reason:
        now.status === 'refunded'
          ? 'The payment was refunded before it was reported paid: not credited.'
          : `The order is ${now.status}: not credited.`,
    });
  }

  private async reverse(
    provider: PaymentMethod,
    order: PaymentOrder,
    notice: Extract<PaymentNotice, { type: 'reversed' }>,
    context: NoticeContext,
    record: (result: NoticeResult, eventKey?: string | null) => Promise<NoticeResult>,
  ): Promise<NoticeResult> {
    if (notice.payAmount <= 0) {
      return record({ outcome: 'refused', orderId: order.id, reason: 'A reversal of nothing.' });
    }
    const outcome = await this.store.db
      .transaction()
      .execute(async (trx) => {
        const current = await lockOrder(trx, this.store.dialect, order.id);
        if (!current) return { result: 'gone' as const };
        const refundedPay = current.refundedPayAmount + notice.payAmount;
        const claimed = await this.insertEvent(trx, {
          provider,
          eventKey: `reversal:${order.id}:${notice.reversalId}`,
          orderId: order.id,
          kind: context.kind,
          outcome: 'reversed',
          reason: `Returned ${notice.payAmount} of ${current.payAmount} minor units to the payer.`,
          remoteAddress: context.remoteAddress,
          payload: JSON.stringify(notice.detail),
        });
        if (!claimed) return { result: 'duplicate' as const };
        // Checked after the claim, so a replay of an applied reversal reads as the duplicate it is;
        // throwing rolls the claim back.
        if (refundedPay > current.payAmount) throw new ReversalTooLarge();
        const wasCredited = current.creditedAt !== null;
        // Reverse in proportion to the money returned, so a full refund takes back exactly the
        // credit (bonus included) and partial ones add up to it without drift.
        const reversedTotal = wasCredited ? proportion(current.creditAmount, refundedPay, current.payAmount) : 0;
        const take = reversedTotal - current.reversedAmount;
        const full = refundedPay === current.payAmount;
        const now = this.options.now();
        await trx
          .updateTable('payment_orders')
          .set({
            refunded_pay_amount: refundedPay,
            reversed_amount: reversedTotal,
            status: full || !wasCredited ? 'refunded' : current.status,
            updated_at: now,
          })
          .where('id', '=', order.id)
          .execute();
        if (take > 0) {
          await appendLedgerEntry(trx, {
            id: this.options.newId('led'),
            userId: current.userId,
            amount: -take,
            kind: 'refund',
            reason: {
              code: 'topup_refund',
              params: {
                orderId: order.id,
                returned: notice.payAmount,
                paid: current.payAmount,
                currency: current.currency,
              },
            },
            reference: `${order.id}:${notice.reversalId}`,
            createdAt: now,
          });
        }
        // A plan bought by a payment that is now returned in full goes back with it.
        const planEnded =
          full && wasCredited && current.purpose === 'plan' && current.planId && this.options.planOrders
            ? await this.options.planOrders.takeBack(trx, planOrderRef(current, current.planId))
            : false;
        return { result: 'reversed' as const, take, planEnded };
      })
      .catch((error: unknown) => {
        if (error instanceof ReversalTooLarge) return { result: 'too-much' as const };
        throw error;
      });
    if (outcome.result === 'reversed') {
      this.options.logger?.info({ orderId: order.id, units: outcome.take, provider }, 'payment reversed');
      if (outcome.planEnded) await this.afterSettled(order);
      return {
        outcome: 'reversed',
        orderId: order.id,
        reason: `Reversed ${outcome.take} units${outcome.planEnded ? '; the plan it bought ended' : ''}.`,
      };
    }
    if (outcome.result === 'duplicate') {
      return record({
        outcome: 'duplicate',
        orderId: order.id,
        reason: `Reversal ${notice.reversalId} already applied.`,
      });
    }
    return record({
      outcome: 'refused',
      orderId: order.id,
      reason: outcome.result === 'gone' ? 'The order vanished.' : 'The reversals would exceed what was paid.',
    });
  }

  /** The conditional UPDATE that only one delivery can win (see the file comment). */
  private async flipToCredited(
    trx: Transaction<Database>,
    order: PaymentOrder,
    extra: { detail?: Record<string, string>; providerRef?: string; markedBy?: string },
  ): Promise<boolean> {
    const now = this.options.now();
    let update = trx
      .updateTable('payment_orders')
      .set({
        status: 'credited',
        credited_at: now,
        updated_at: now,
        ...(extra.detail ? { detail: JSON.stringify(extra.detail) } : {}),
        ...(extra.markedBy ? { marked_by: extra.markedBy } : {}),
      })
      .where('id', '=', order.id)
      .where('status', 'in', ['created', 'expired'])
      .where('pay_amount', '=', order.payAmount)
      .where('currency', '=', order.currency);
    // A provider reference that came with the notice must be the order's own.
    if (extra.providerRef !== undefined && order.providerRef !== null) {
      update = update.where('provider_ref', '=', extra.providerRef);
    }
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Credits a paid order; `method` is the provider that said so, or null when an operator marked it paid. */
  private async postCredit(trx: Transaction<Database>, order: PaymentOrder, method: string | null): Promise<void> {
    await appendLedgerEntry(trx, {
      id: this.options.newId('led'),
      userId: order.userId,
      amount: order.creditAmount,
      kind: 'topup',
      reason: {
        code: 'topup',
        params: {
          orderId: order.id,
          paid: order.payAmount,
          currency: order.currency,
          method,
          bonus: order.bonusAmount,
        },
      },
      reference: order.id,
      createdAt: this.options.now(),
    });
    if (order.purpose === 'plan') {
      if (!this.options.planOrders || !order.planId)
        throw new Error(`Order ${order.id} buys a plan, and plans are not available.`);
      await this.options.planOrders.fulfil(trx, planOrderRef(order, order.planId));
    }
    await this.options.afterCredit?.(trx, order);
  }

  /** Never fails the notice: the change is committed; a hook that fails is logged. */
  private async afterSettled(order: PaymentOrder): Promise<void> {
    try {
      await this.options.onSettled?.(order);
    } catch (error) {
      this.options.logger?.error({ err: error, orderId: order.id }, 'after-settle hook failed (the change stands)');
    }
  }

  private async findForNotice(provider: PaymentMethod, notice: PaymentNotice): Promise<PaymentOrder | undefined> {
    let query = this.store.db.selectFrom('payment_orders').selectAll().where('method', '=', provider);
    if (notice.orderId) query = query.where('id', '=', notice.orderId);
    else if (notice.providerRef) query = query.where('provider_ref', '=', notice.providerRef);
    else return undefined;
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    // Both given: they must agree (a notification naming our order with someone else's checkout).
    if (notice.orderId && notice.providerRef && row.provider_ref !== null && row.provider_ref !== notice.providerRef) {
      return undefined;
    }
    return toOrder(row);
  }

  private async recordEvent(input: {
    provider: PaymentMethod;
    eventKey: string | null;
    notice: PaymentNotice;
    context: NoticeContext;
    result: NoticeResult;
  }): Promise<void> {
    const { notice, result } = input;
    if (result.outcome === 'refused') {
      this.options.logger?.warn(
        { provider: input.provider, orderId: result.orderId, reason: result.reason },
        'payment notification refused',
      );
    }
    await this.insertEvent(this.store.db, {
      provider: input.provider,
      eventKey: input.eventKey,
      orderId: result.orderId,
      kind: input.context.kind,
      outcome: result.outcome,
      reason: result.reason,
      remoteAddress: input.context.remoteAddress,
      payload: JSON.stringify({ type: notice.type, eventKey: notice.eventKey, ...notice.detail }),
    });
  }

  /** Records a payment event; with an event key, false when that key is already recorded. */
  async insertEvent(
    db: Transaction<Database> | Store['db'],
    event: {
      provider: string;
      eventKey: string | null;
      orderId: string | null;
      kind: 'notify' | 'webhook' | 'return' | 'admin';
      outcome: NoticeOutcome | 'marked' | 'verify_failed';
      reason: string;
      actor?: string;
      remoteAddress?: string;
      payload: string | null;
    },
  ): Promise<boolean> {
    const result = await db
      .insertInto('payment_events')
      .values({
        id: this.options.newId('pev'),
        provider: event.provider,
        event_key: event.eventKey,
        order_id: event.orderId,
        kind: event.kind,
        outcome: event.outcome,
        reason: event.reason.slice(0, 1000),
        actor: event.actor ?? null,
        remote_address: event.remoteAddress ?? null,
        payload: event.payload === null ? null : event.payload.slice(0, 8000),
        created_at: this.options.now(),
      })
      .onConflict((oc) => oc.columns(['provider', 'event_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  private async require(id: string): Promise<PaymentOrder> {
    const order = await this.get(id);
    if (!order) throw orderNotFound(id);
    return order;
  }
}

class EventKeyReused extends Error {}
class ReversalTooLarge extends Error {}

/** round(total × part / whole) in exact integer arithmetic. */
export function proportion(total: number, part: number, whole: number): number {
  if (part >= whole) return total;
  const scaled = BigInt(total) * BigInt(part) * 2n + BigInt(whole);
  return Number(scaled / (BigInt(whole) * 2n));
}

async function lockOrder(
  trx: Transaction<Database>,
  dialect: Store['dialect'],
  id: string,
): Promise<PaymentOrder | undefined> {
  const query = trx.selectFrom('payment_orders').selectAll().where('id', '=', id);
  // SQLite runs one writer at a time already; PostgreSQL needs the row lock.
  const row = await (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  return row ? toOrder(row) : undefined;
}

export function toOrder(row: PaymentOrdersTable): PaymentOrder {
  return {
    id: row.id,
    userId: row.user_id,
    method: row.method as PaymentMethod,
    purpose: row.purpose as OrderPurpose,
    planId: row.plan_id,
    status: row.status as OrderStatus,
    currency: row.currency as Currency,
    payAmount: Number(row.pay_amount),
    creditAmount: Number(row.credit_amount),
    bonusAmount: Number(row.bonus_amount),
    refundedPayAmount: Number(row.refunded_pay_amount),
    reversedAmount: Number(row.reversed_amount),
    providerRef: row.provider_ref,
    checkout: row.checkout ? (JSON.parse(row.checkout) as PaymentOrder['checkout']) : null,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, string>) : null,
    markedBy: row.marked_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
    creditedAt: row.credited_at === null ? null : Number(row.credited_at),
  };
}

function formatPay(order: Pick<PaymentOrder, 'payAmount' | 'currency'>): string {
  return `${(order.payAmount / 100).toFixed(2)} ${order.currency}`;
}

function assertAmount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${what} must be a positive safe integer, got ${value}.`);
}

function orderNotFound(id: string): GatewayError {
  return new GatewayError({ kind: 'not_found', code: 'order_not_found', message: `No order ${id}.` });
}

function notMarkable(order: PaymentOrder, target: AdminMark): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    code: 'order_not_markable',
    status: 409,
    message: `Order ${order.id} is ${order.status}; it cannot be marked ${target}.`,
  });
}

function planOrderRef(order: PaymentOrder, planId: string): PlanOrderRef {
  return { id: order.id, userId: order.userId, planId, amount: order.creditAmount };
}
