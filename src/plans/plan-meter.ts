/**
 * The ledger's plan hook (Ledger's `plans` option): decides, per request, whether a subscription
 * or the balance takes the hold, and finishes plan holds.
 *
 * - Only users in the SubscriberSet are looked at: for everyone else reserve costs one Set lookup.
 * - Candidates: the user's active subscriptions whose models cover the request's model, ordered by
 *   period end (the one that lapses first is used first, so nothing paid for is wasted), then by
 *   creation. A subscription with a token window covers only requests whose tokens are counted
 *   (the relay's chat-like calls); priced-by-unit media then go to the balance.
 * - The first candidate whose every window takes the hold wins. None: if any candidate allows
 *   overflow, the balance takes the request as usual; otherwise a 429 `plan_window_exhausted`
 *   whose retry-after is the earliest time one candidate could take it again.
 * - A candidate whose period is over is renewed or expired first (subscription-renewal.ts).
 */
import type { Store } from '../store/database.js';
import { coversModel } from './model-coverage.js';
import { planWindowExhaustedError } from './plan-errors.js';
import { type Delivered, finishPlanHold, holdOnSubscription, type PlanFinishOutcome } from './plan-holds.js';
import { type PlanSweepOptions, type PlanSweepResult, sweepPlanOrphans } from './plan-orphans.js';
import type { WindowName, WindowUnit } from './plan-types.js';
import type { SubscriberSet } from './subscriber-set.js';
import { windowClosesAt } from './window-clock.js';
import { fits, reopensAt, usedNow, type WindowRow } from './window-state.js';

export interface PlanHoldRequest {
  requestId: string;
  userId: string;
  /** The model as the client named it (what plans' patterns match). */
  model: string;
  /** Worst-case units. */
  amount: number;
  /** Worst-case tokens (input + output); absent when the request is not measured in tokens. */
  tokens?: number;
  instanceId: string;
}

export interface PlanMeterOptions {
  now: () => number;
  timeZone: () => string;
  subscribers: SubscriberSet;
  /** Renews or expires a subscription whose period is over (PlanService). */
  renew: (subscriptionId: string) => Promise<unknown>;
}

/** Free room of a subscription's windows, by unit (Infinity: no window of that unit). */
export interface PlanRoom {
  money: number;
  tokens: number;
}

interface Candidate {
  id: string;
  planName: string;
  periodEnd: number;
  overflow: boolean;
  windows: WindowRow[];
}

export class PlanMeter {
  /** Plan holds taken by this process: settling them needs no look-up of the balance path first. */
  private readonly local = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly options: PlanMeterOptions,
  ) {}

  /** 'held' when a subscription took it; 'balance' when the balance should. Throws the 429. */
  async hold(request: PlanHoldRequest): Promise<'held' | 'balance'> {
    if (!this.options.subscribers.has(request.userId)) return 'balance';
    let candidates = await this.candidates(request);
    const now = this.options.now();
    const due = candidates.filter((candidate) => candidate.periodEnd <= now);
    if (due.length > 0) {
      for (const candidate of due) await this.options.renew(candidate.id);
      candidates = await this.candidates(request);
    }
    const usable = candidates.filter(
      (candidate) =>
        candidate.periodEnd > now &&
        (request.tokens !== undefined || !candidate.windows.some((window) => window.unit === 'tokens')),
    );
    if (usable.length === 0) return 'balance';
    const draw = { money: request.amount, tokens: request.tokens ?? 0, requests: 1 };
    for (const candidate of usable) {
      const target = { subscriptionId: candidate.id, periodEnd: candidate.periodEnd, windows: candidate.windows };
      const outcome = await holdOnSubscription(this.store, target, {
        requestId: request.requestId,
        userId: request.userId,
        money: draw.money,
        tokens: draw.tokens,
        instanceId: request.instanceId,
        now,
        timeZone: this.options.timeZone(),
      });
      if (outcome.status === 'held') {
        this.local.add(request.requestId);
        return 'held';
      }
    }
    if (usable.some((candidate) => candidate.overflow)) return 'balance';
    // Refused everywhere: the earliest time a candidate's refusing windows have all reopened.
    let best: { at: number; window: WindowName; planName: string } | undefined;
    for (const candidate of usable) {
      const timeZone = this.options.timeZone();
      const reopen = (window: WindowRow) =>
        reopensAt(window, draw, now, windowClosesAt(window.name, now, timeZone, candidate.periodEnd));
      const refusing = candidate.windows.filter((window) => !fits(window, draw, now));
      if (refusing.length === 0) continue;
      const last = refusing.reduce((a, b) => (reopen(b) > reopen(a) ? b : a));
      const at = reopen(last);
      if (!best || at < best.at) best = { at, window: last.name, planName: candidate.planName };
    }
    throw planWindowExhaustedError({
      planName: best?.planName ?? usable[0]?.planName ?? '',
      window: best?.window ?? 'period',
      retryAfterMs: (best?.at ?? now + 1000) - now,
    });
  }

  /**
   * What a new hold could take now from the roomiest covering subscription: the least room of its
   * money windows and of its token windows (Infinity where it has none), or undefined when no
   * subscription covers the model. For capping the output of a request that set no max_tokens.
   */
  async headroom(userId: string, model: string, tokensMeasured: boolean): Promise<PlanRoom | undefined> {
    if (!this.options.subscribers.has(userId)) return undefined;
    const now = this.options.now();
    const candidates = (await this.candidates({ userId, model })).filter(
      (candidate) =>
        candidate.periodEnd > now && (tokensMeasured || !candidate.windows.some((window) => window.unit === 'tokens')),
    );
    let best: PlanRoom | undefined;
    for (const candidate of candidates) {
      const room: PlanRoom = { money: Infinity, tokens: Infinity };
      for (const window of candidate.windows) {
        const free = Math.max(0, window.limit - usedNow(window, now) - window.reserved);
        if (window.unit === 'requests' && free < 1) room.money = room.tokens = 0;
        else if (window.unit === 'money') room.money = Math.min(room.money, free);
        else if (window.unit === 'tokens') room.tokens = Math.min(room.tokens, free);
      }
      if (!best || room.money > best.money || (room.money === best.money && room.tokens > best.tokens)) best = room;
    }
    return best;
  }

  /** True when this process took the hold (its settle goes straight to the plan path). */
  holdsLocally(requestId: string): boolean {
    return this.local.has(requestId);
  }

  /** Settles (delivered) or releases (null) a plan hold, from any replica. 'gone' when none. */
  async finish(requestId: string, delivered: Delivered | null): Promise<PlanFinishOutcome> {
    const outcome = await finishPlanHold(this.store, requestId, delivered);
    this.local.delete(requestId);
    return outcome;
  }

  /** Releases plan holds of dead instances (plan-orphans.ts); the ledger's sweep calls it. */
  sweepOrphans(options: PlanSweepOptions): Promise<PlanSweepResult> {
    return sweepPlanOrphans(this.store, options);
  }

  private async candidates(request: Pick<PlanHoldRequest, 'userId' | 'model'>): Promise<Candidate[]> {
    const rows = await this.store.db
      .selectFrom('subscriptions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.plan_name', 's.period_end', 's.overflow_to_balance', 's.models', 's.created_at'])
      .where('s.user_id', '=', request.userId)
      .where('s.status', '=', 'active')
      .where('u.status', '=', 'active')
      .orderBy('s.period_end')
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
    const covering = rows.filter((row) => coversModel(JSON.parse(row.models) as string[], request.model));
    if (covering.length === 0) return [];
    const windows = await this.store.db
      .selectFrom('subscription_windows')
      .selectAll()
      .where(
        'subscription_id',
        'in',
        covering.map((row) => row.id),
      )
      .execute();
    return covering.map((row) => ({
      id: row.id,
      planName: row.plan_name,
      periodEnd: Number(row.period_end),
      overflow: Number(row.overflow_to_balance) === 1,
      windows: windows
        .filter((window) => window.subscription_id === row.id)
        .map((window) => ({
          name: window.window_name as WindowName,
          unit: window.unit as WindowUnit,
          limit: Number(window.limit_amount),
          used: Number(window.used),
          reserved: Number(window.reserved),
          resetsAt: Number(window.resets_at),
        })),
    }));
  }
}
