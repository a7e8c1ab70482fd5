/**
 * Money around a request, and every other way a balance moves.
 *
 * reserve → (upstream call, retries on other channels included) → settle or release: one
 * reservation per request id, finished exactly once, because finishing deletes its row and a
 * second attempt finds nothing to finish. Charges go through appendLedgerEntry, so balance = sum
 * of the ledger always holds, and (kind 'charge', reference = request id) is unique: a request is
 * never charged twice even by a buggy caller.
 *
 * Over-reservation policy: the reservation is an upper bound of what the vendor can bill
 * (relay-billing.ts); when the actual cost is larger anyway (an odd vendor), the excess is charged
 * only as far as the free headroom and the key's quota allow, atomically with the charge, and
 * recorded as an overrun (money-path.ts). So a balance never ends below -overdraft and a key
 * never spends past its quota, whatever the concurrency.
 *
 * Subscriptions (src/plans/): with a `plans` meter, a reservation that names its model goes to
 * the user's covering subscription first (its windows hold it; the balance is untouched), and to
 * the balance when no subscription covers it or one allows overflow. Settling and releasing find
 * the hold where it is: a plan hold this process took is finished on the plan path at once; any
 * other request id tries the balance path first, and the plan path only when the balance has no
 * reservation under that id (a job's plan hold finished on another replica). Users without a
 * subscription pay one in-memory Set lookup for this (plans/subscriber-set.ts).
 *
 * Crash safety: every step is one transaction; an instance heart-beats and orphaned reservations
 * are released by the rule documented in orphan-sweep.ts.
 */
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { InstanceRegistry } from './instance-registry.js';
import { JOB_HOLDER } from './job-holder.js';
import { asEstimated, type LedgerReason } from './ledger-reason.js';
import { appendLedgerEntry } from './ledger-write.js';
import { createMoneyPath, type MoneyPath } from './money-path.js';
import { type SweepResult, sweepOrphans } from './orphan-sweep.js';

/** What the ledger needs of subscriptions (plans/plan-meter.ts implements it). */
export interface LedgerPlans {
  /** 'held' when a subscription took the hold; 'balance' when the balance should. May throw a 429. */
  hold(request: {
    requestId: string;
    userId: string;
    model: string;
    amount: number;
    tokens?: number;
    instanceId: string;
  }): Promise<'held' | 'balance'>;
  holdsLocally(requestId: string): boolean;
  finish(
    requestId: string,
    delivered: { money: number; tokens?: number } | null,
  ): Promise<{ status: 'finished'; subscriptionId: string; money: number } | { status: 'gone' }>;
  sweepOrphans(options: { now: number; selfInstanceId: string; orphanAfterMs: number }): Promise<SweepResult>;
  headroom(
    userId: string,
    model: string,
    tokensMeasured: boolean,
  ): Promise<{ money: number; tokens: number } | undefined>;
}

export interface LedgerOptions {
  now: () => number;
  newId: (prefix: string) => string;
  /** This process's id in `instances`; new on every start. */
  instanceId: string;
  /** Live settings (SettingsService fits): `overdraft` is read on every reservation. */
  settings: { readonly value: { overdraft: number } };
  logger?: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** Subscriptions drawn from before the balance (absent: the balance alone). */
  plans?: LedgerPlans;
  heartbeatEveryMs?: number;
  orphanAfterMs?: number;
  sweepEveryMs?: number;
  forgetInstancesAfterMs?: number;
}

export interface ReserveInput {
  requestId: string;
  userId: string;
  /** The API key the request came with; null for console sessions (no key quota applies). */
  keyId: string | null;
  /** The worst-case cost in units (worstCaseCost). */
  amount: number;
  /**
   * Held for a job record (a video, a Midjourney task) rather than for this process's request:
   * the orphan sweep leaves it alone, and the job settles or releases it, from any replica.
   */
  durable?: boolean;
  /** The model as the client named it: a subscription covering it takes the hold first. Absent: the balance. */
  model?: string;
  /** Worst-case tokens (input + output), for subscriptions with token windows; absent: those do not cover it. */
  tokens?: number;
}

export interface SettleInput {
  requestId: string;
  /** The actual cost in units (costOf); above the reservation, charged as far as the overrun rule allows. */
  cost: number;
  /** Why the ledger entry was written (usageReason for a relayed request). */
  reason: LedgerReason;
  /** True when the tokens were counted by the gateway because the vendor reported no usage. */
  estimated?: boolean;
  /** Ignored: the reservation row's key is the one charged. Accepted so callers can pass it along. */
  keyId?: string | null;
  /** Tokens billed (input + output), counted by token windows when a subscription held the request. */
  tokens?: number;
}

export type SettleResult =
  /**
   * `charged` is what the balance was charged: below the cost when an overrun was capped (the rest
   * was not collected), 0 when a subscription took the request (`plan` says which, and what it drew).
   */
  | { status: 'settled'; charged: number; balanceAfter?: number; plan?: { subscriptionId: string; drawn: number } }
  | { status: 'already-settled' };

export type ReleaseResult = { status: 'released' } | { status: 'already-settled' };

export interface CreditInput {
  userId: string;
  amount: number;
  reason: LedgerReason;
  /** Idempotency key (a payment id): a second credit with the same reference is a no-op. */
  reference?: string;
  kind?: 'topup' | 'trial';
}

export type CreditResult = { status: 'credited'; entryId: string; balanceAfter: number } | { status: 'duplicate' };

export interface AdjustResult {
  entryId: string;
  reference: string;
  balanceAfter: number;
}

const DEFAULTS = {
  heartbeatEveryMs: 10_000,
  orphanAfterMs: 60_000,
  sweepEveryMs: 30_000,
  forgetInstancesAfterMs: 24 * 60 * 60 * 1000,
};

function assertUnits(value: number, what: string, allowNegative = false): void {
  if (!Number.isSafeInteger(value) || (!allowNegative && value < 0)) {
    throw new Error(
      `${what} must be a ${allowNegative ? '' : 'non-negative '}safe integer number of units, got ${value}.`,
    );
  }
}

export class Ledger {
  readonly instanceId: string;
  private readonly registry: InstanceRegistry;
  /** The hot path: hold, settle and release as one prepared database operation each. */
  private readonly money: MoneyPath;
  private readonly timing: typeof DEFAULTS;
  private timers: NodeJS.Timeout[] = [];
  private started = false;

  constructor(
    private readonly store: Store,
    private readonly options: LedgerOptions,
  ) {
    this.instanceId = options.instanceId;
    this.registry = new InstanceRegistry(store, options.instanceId, options.now);
    this.money = createMoneyPath(store);
    this.timing = {
      heartbeatEveryMs: options.heartbeatEveryMs ?? DEFAULTS.heartbeatEveryMs,
      orphanAfterMs: options.orphanAfterMs ?? DEFAULTS.orphanAfterMs,
      sweepEveryMs: options.sweepEveryMs ?? DEFAULTS.sweepEveryMs,
      forgetInstancesAfterMs: options.forgetInstancesAfterMs ?? DEFAULTS.forgetInstancesAfterMs,
    };
  }

  /** Registers this instance, sweeps orphans once, then heart-beats and sweeps periodically. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.registry.register();
    this.started = true;
    await this.sweepOrphans();
    const every = (ms: number, task: () => Promise<unknown>, what: string) => {
      const timer = setInterval(() => {
        task().catch((error: unknown) => this.options.logger?.error({ err: error }, `ledger ${what} failed`));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.timing.heartbeatEveryMs, () => this.registry.heartbeat(), 'heartbeat');
    every(this.timing.sweepEveryMs, () => this.sweepOrphans(), 'orphan sweep');
  }

  /**
   * Stops the timers and removes this instance's row if it holds no reservation. Call after the
   * server has drained; reservations still open are left for the orphan sweep.
   */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    if (!this.started) return;
    this.started = false;
    await this.registry.unregister();
  }

  /**
   * Holds the request's worst-case cost against the user's balance (down to -overdraft) and the
   * key's quota, atomically. Throws a GatewayError and writes nothing when it cannot:
   * 402 `insufficient_balance`, 429 `key_quota_exceeded`, 403 `account_disabled`,
   * 401 `account_not_found` / `invalid_api_key` (key missing or not the user's).
   */
  async reserve(input: ReserveInput): Promise<void> {
    if (!this.started)
      throw new Error('Ledger.start() must run before reservations (its instance must be registered).');
    assertUnits(input.amount, 'A reservation');
    const { durable, model, tokens, ...hold } = input;
    const instanceId = durable ? JOB_HOLDER : this.instanceId;
    if (this.options.plans && model !== undefined) {
      const where = await this.options.plans.hold({
        requestId: input.requestId,
        userId: input.userId,
        model,
        amount: input.amount,
        ...(tokens !== undefined ? { tokens } : {}),
        instanceId,
      });
      if (where === 'held') return;
    }
    await this.money.hold({
      ...hold,
      overdraft: this.options.settings.value.overdraft,
      instanceId,
      createdAt: this.options.now(),
    });
  }

  /**
   * Finishes a request: releases its reservation and charges `cost` (no ledger entry when 0).
   * Idempotent: when the reservation is already gone, or a charge for this request exists,
   * nothing is charged and 'already-settled' is returned.
   */
  async settle(input: SettleInput): Promise<SettleResult> {
    assertUnits(input.cost, 'A cost');
    const plans = this.options.plans;
    const delivered = { money: input.cost, ...(input.tokens !== undefined ? { tokens: input.tokens } : {}) };
    if (plans?.holdsLocally(input.requestId)) return this.settlePlan(plans, input.requestId, delivered);
    const reason = input.estimated ? asEstimated(input.reason) : input.reason;
    const outcome = await this.money.finish({
      requestId: input.requestId,
      cost: input.cost,
      overdraft: this.options.settings.value.overdraft,
      entryId: this.options.newId('led'),
      reason,
      at: this.options.now(),
    });
    if (outcome.status === 'gone') {
      return plans ? this.settlePlan(plans, input.requestId, delivered) : { status: 'already-settled' };
    }
    if (outcome.status === 'duplicate-charge') {
      // Reserved twice under one id and charged once already: let this hold go, never charge twice.
      await this.release(input.requestId);
      return { status: 'already-settled' };
    }
    if (outcome.charged === 0) return { status: 'settled', charged: 0 };
    return {
      status: 'settled',
      charged: outcome.charged,
      ...(outcome.balanceAfter !== undefined ? { balanceAfter: outcome.balanceAfter } : {}),
    };
  }

  /** Lets a reservation go without charging (the request failed before any output). Idempotent. */
  async release(requestId: string): Promise<ReleaseResult> {
    const plans = this.options.plans;
    if (plans?.holdsLocally(requestId)) {
      const drawn = await plans.finish(requestId, null);
      return drawn.status === 'gone' ? { status: 'already-settled' } : { status: 'released' };
    }
    const outcome = await this.money.finish({
      requestId,
      cost: 0,
      overdraft: 0,
      entryId: '',
      reason: null,
      at: this.options.now(),
    });
    if (outcome.status !== 'gone') return { status: 'released' };
    if (plans && (await plans.finish(requestId, null)).status === 'finished') return { status: 'released' };
    return { status: 'already-settled' };
  }

  /**
   * Releases, without charge, every balance reservation this instance still holds. Only for the
   * end of a drain, once no request handler runs: each handler settles its own hold as delivered,
   * so anything left here belonged to a request that can no longer settle, and releasing it now
   * spares the user the orphan sweep's minute. Returns the request ids released.
   */
  async releaseLeftoverHolds(): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('reservations')
      .select('id')
      .where('instance_id', '=', this.instanceId)
      .execute();
    const released: string[] = [];
    for (const { id } of rows) {
      if ((await this.release(id)).status === 'released') released.push(id);
    }
    return released;
  }

  private async settlePlan(
    plans: LedgerPlans,
    requestId: string,
    delivered: { money: number; tokens?: number },
  ): Promise<SettleResult> {
    const drawn = await plans.finish(requestId, delivered);
    if (drawn.status === 'gone') return { status: 'already-settled' };
    return { status: 'settled', charged: 0, plan: { subscriptionId: drawn.subscriptionId, drawn: drawn.money } };
  }

  /**
   * An administrator's signed correction, with the reason the user will see. Throws 404
   * `user_not_found` for an unknown user, 400 `invalid_value` for a zero amount or empty reason.
   */
  async adjustBalance(adminUserId: string, userId: string, amount: number, reason: string): Promise<AdjustResult> {
    assertUnits(amount, 'An adjustment', true);
    if (amount === 0) throw invalid('amount', 'An adjustment must not be zero.');
    const text = reason.trim();
    if (!text) throw invalid('reason', 'An adjustment needs a reason.');
    const reference = this.options.newId('adj');
    const entryId = this.options.newId('led');
    const at = this.options.now();
    const balanceAfter = await this.store.db.transaction().execute(async (trx) => {
      await this.assertUser(trx, userId);
      return appendLedgerEntry(trx, {
        id: entryId,
        userId,
        amount,
        kind: 'adjust',
        reason: { code: 'admin_adjust', params: { note: text, by: adminUserId } },
        reference,
        createdAt: at,
      });
    });
    return { entryId, reference, balanceAfter };
  }

  /**
   * Credits a user (payment top-up, or the trial credit). With a `reference`, idempotent: the
   * same reference twice credits once and answers 'duplicate' (a payment webhook retried).
   */
  async credit(input: CreditInput): Promise<CreditResult> {
    assertUnits(input.amount, 'A credit');
    if (input.amount === 0) throw invalid('amount', 'A credit must not be zero.');
    const kind = input.kind ?? 'topup';
    const reference = input.reference ?? this.options.newId(kind === 'trial' ? 'trl' : 'top');
    const entryId = this.options.newId('led');
    const at = this.options.now();
    const duplicate = async () =>
      this.store.db
        .selectFrom('ledger_entries')
        .select('id')
        .where('kind', '=', kind)
        .where('reference', '=', reference)
        .executeTakeFirst();
    if (input.reference && (await duplicate())) return { status: 'duplicate' };
    try {
      const balanceAfter = await this.store.db.transaction().execute(async (trx) => {
        await this.assertUser(trx, input.userId);
        return appendLedgerEntry(trx, {
          id: entryId,
          userId: input.userId,
          amount: input.amount,
          kind,
          reason: input.reason,
          reference,
          createdAt: at,
        });
      });
      return { status: 'credited', entryId, balanceAfter };
    } catch (error) {
      // Two credits with one reference at once: the unique index let one through.
      if (input.reference && (await duplicate())) return { status: 'duplicate' };
      throw error;
    }
  }

  /** Alias of credit({kind: 'topup'}). */
  topUp(input: Omit<CreditInput, 'kind'>): Promise<CreditResult> {
    return this.credit({ ...input, kind: 'topup' });
  }

  /**
   * The cluster primary saw `instanceId`'s process end without a clean stop: its reservations are
   * orphans now, not once its heartbeat goes stale. Marking the instance long dead lets the usual
   * sweep (and its rule: released without charge) take them at once.
   */
  async releaseDeadInstance(instanceId: string): Promise<SweepResult> {
    if (instanceId === this.instanceId) return { released: [], releasedUnits: 0 };
    await this.store.db.updateTable('instances').set({ heartbeat_at: 0 }).where('id', '=', instanceId).execute();
    return this.sweepOrphans();
  }

  /** Releases orphaned reservations now (see orphan-sweep.ts for the rule). Runs at start and periodically. */
  async sweepOrphans(): Promise<SweepResult> {
    const now = this.options.now();
    // Plan holds first: forgetting a dead instance's row (below) must not race their sweep.
    const plans = this.options.plans
      ? await this.options.plans.sweepOrphans({
          now,
          selfInstanceId: this.instanceId,
          orphanAfterMs: this.timing.orphanAfterMs,
        })
      : { released: [], releasedUnits: 0 };
    const balance = await sweepOrphans(this.store, {
      now,
      selfInstanceId: this.instanceId,
      orphanAfterMs: this.timing.orphanAfterMs,
      forgetInstancesAfterMs: this.timing.forgetInstancesAfterMs,
    });
    const result: SweepResult = {
      released: [...balance.released, ...plans.released],
      releasedUnits: balance.releasedUnits + plans.releasedUnits,
    };
    if (result.released.length > 0) {
      this.options.logger?.warn(
        { released: result.released.length, units: result.releasedUnits },
        'released reservations orphaned by a stopped instance (not charged)',
      );
    }
    return result;
  }

  /**
   * What a new reservation could hold right now: min(balance − reserved + overdraft, the key's
   * quota − used − reserved). A database read, for the refusal path only (capping max_tokens).
   */
  async headroom(userId: string, keyId: string | null): Promise<number> {
    const user = await this.store.db
      .selectFrom('users')
      .select(['balance', 'reserved'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return 0;
    let room = Number(user.balance) - Number(user.reserved) + this.options.settings.value.overdraft;
    if (keyId !== null) {
      const key = await this.store.db
        .selectFrom('api_keys')
        .select(['quota', 'used', 'reserved'])
        .where('id', '=', keyId)
        .executeTakeFirst();
      if (key && key.quota !== null) room = Math.min(room, Number(key.quota) - Number(key.used) - Number(key.reserved));
    }
    return Math.max(0, room);
  }

  /**
   * What a new hold could take from the user's roomiest subscription covering `model`, by unit
   * (Infinity: no window of that unit); undefined when none covers it. For the refusal path only.
   */
  async planHeadroom(
    userId: string,
    model: string,
    tokensMeasured: boolean,
  ): Promise<{ money: number; tokens: number } | undefined> {
    return this.options.plans?.headroom(userId, model, tokensMeasured);
  }

  /** Beats now (tests; the timer does it in production). */
  heartbeat(): Promise<void> {
    return this.registry.heartbeat();
  }

  private async assertUser(trx: Transaction<Database>, userId: string): Promise<void> {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw new GatewayError({ kind: 'not_found', code: 'user_not_found', message: `No user ${userId}.` });
  }
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code: 'invalid_value', param, message });
}
