import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisNames } from '../cluster/redis-names.js';
import { type LeaseStore, type LeaseTake, MemoryLeaseStore } from './concurrency-leases.js';
import type { AdmitInput, Dimension, LimitSet, LimitTicket, RelayLimits, Scope } from './limit-types.js';
import type { MemoryHome } from './memory-limiter.js';
import { resolveModelOverride } from './model-overrides.js';
import { concurrencyMessage, RateLimitError, tooLargeMessage, windowMessage } from './rate-limit-error.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { RedisLeaseStore } from './redis-leases.js';
import { WindowCounter, type WindowTake } from './window-counter.js';

export interface RequestLimiterOptions {
  /** Enforce across replicas in this Redis; absent = in this process's memory. Same behaviour. */
  redis?: Redis;
  /**
   * Without Redis: where the RPM/TPM windows live (this process, or the cluster primary's memory),
   * and the concurrency lease store to use instead of this process's (the primary's, over IPC).
   */
  memoryHome?: MemoryHome;
  sharedLeases?: LeaseStore;
  /** Storage key prefix (default `aihub:rl`, see cluster/redis-names.ts); tests use their own. */
  keyPrefix?: string;
  /** RPM/TPM window in seconds (default 60). */
  windowSeconds?: number;
  /** How long a concurrency lease lives if never released (a crashed replica's); default 15 min. */
  leaseTtlMs?: number;
  /** Clock of the in-memory lease store (tests). The window counters use Date.now / Redis. */
  now?: () => number;
  /** Prefix of lease ids (default: random per instance). */
  instanceId?: string;
  /** Store failures (Redis down): the request is let through uncounted. Called at most every 5 s. */
  onStoreError?: (error: unknown) => void;
}

interface Check {
  dimension: Dimension;
  scope: Scope;
  pattern?: string;
  bucket: string;
  limit: number;
}

type Outcome = { check: Check; ok: boolean } & ({ window: WindowTake } | { lease: LeaseTake });

/** Retry-after for a concurrency refusal: nobody knows when a request in flight ends. */
const CONCURRENCY_RETRY_MS = 1000;
const DIMENSIONS: Array<[Dimension, keyof LimitSet]> = [
  ['requests', 'rpm'],
  ['tokens', 'tpm'],
  ['concurrency', 'concurrency'],
];

/**
 * Per key and per user: requests per minute, tokens per minute and requests in flight, plus
 * per-model overrides of a key's limits (see ModelLimitOverrides). All limits a request is
 * subject to are taken together, in parallel; if any refuses, the others are given back, so a
 * refused request counts nowhere. RPM/TPM are rate-limiter-flexible fixed windows (memory or
 * Redis); concurrency is leases with their own expiry (concurrency-leases.ts).
 *
 * Across replicas each counter is atomic in Redis, so together they never admit more than a
 * limit. Taking several limits is not one transaction: while a refused request's takes are being
 * given back (one round trip), a concurrent request may see them and be refused too (never the
 * other way round). When the store fails, the request is let through uncounted (fail open).
 */
export class RequestLimiter implements RelayLimits {
  private readonly requests: WindowCounter;
  private readonly tokens: WindowCounter;
  private readonly leases: LeaseStore;
  private readonly instanceId: string;
  private sequence = 0;

  constructor(options: RequestLimiterOptions = {}) {
    const prefix = options.keyPrefix ?? redisNames().rateLimits;
    const windowSeconds = options.windowSeconds ?? 60;
    const onStoreError = throttle(options.onStoreError ?? (() => {}), 5000);
    const { redis, memoryHome } = options;
    this.requests = new WindowCounter({ redis, memoryHome, keyPrefix: `${prefix}:rpm`, windowSeconds, onStoreError });
    this.tokens = new WindowCounter({ redis, memoryHome, keyPrefix: `${prefix}:tpm`, windowSeconds, onStoreError });
    this.leases = redis
      ? new RedisLeaseStore({ redis, keyPrefix: `${prefix}:conc`, ttlMs: options.leaseTtlMs, onStoreError })
      : (options.sharedLeases ?? new MemoryLeaseStore({ ttlMs: options.leaseTtlMs, now: options.now }));
    this.instanceId = options.instanceId ?? randomUUID().slice(0, 8);
  }

  async admit(input: AdmitInput): Promise<AdmittedTicket> {
    const checks = planChecks(input);
    if (checks.length === 0) return new AdmittedTicket({}, []);
    const points = Math.max(0, Math.ceil(input.estimatedTokens));
    for (const check of checks) {
      if (check.dimension === 'tokens' && points > check.limit) {
        throw new RateLimitError({ message: tooLargeMessage(input.model, check, check.limit, points), headers: {} });
      }
    }
    const leaseId = `${this.instanceId}:${++this.sequence}`;
    const outcomes = await Promise.all(checks.map((check) => this.take(check, points, leaseId)));
    const refused = outcomes.filter((outcome) => !outcome.ok);
    if (refused.length === 0) {
      const undo = outcomes.map((outcome) => () => this.undo(outcome, points, leaseId, false));
      return new AdmittedTicket(this.headers(outcomes, false), undo, (actual) =>
        this.settleTokens(outcomes, points, actual),
      );
    }
    await Promise.all(
      outcomes.filter((outcome) => outcome.ok).map((outcome) => this.undo(outcome, points, leaseId, true)),
    );
    throw this.refusal(input.model, refused, this.headers(outcomes, true));
  }

  private async take(check: Check, points: number, leaseId: string): Promise<Outcome> {
    if (check.dimension === 'concurrency') {
      const lease = await this.leases.acquire(check.bucket, leaseId, check.limit);
      return { check, ok: lease.ok, lease };
    }
    const counter = check.dimension === 'requests' ? this.requests : this.tokens;
    const window = await counter.take(check.bucket, check.dimension === 'requests' ? 1 : points, check.limit);
    return { check, ok: window.ok, window };
  }

  /** Gives back what an admitted outcome took: at once (refusal) or at the end (release). */
  private async undo(outcome: Outcome, points: number, leaseId: string, refusal: boolean): Promise<void> {
    if ('lease' in outcome) {
      if (outcome.lease.counted) await this.leases.release(outcome.check.bucket, leaseId);
    } else if (refusal && outcome.window.counted) {
      const counter = outcome.check.dimension === 'requests' ? this.requests : this.tokens;
      await counter.giveBack(
        outcome.check.bucket,
        outcome.check.dimension === 'requests' ? 1 : points,
        outcome.window.windowEndsAt,
      );
    }
  }

  /** TPM from the estimate to the actual: more is charged now, less given back to its window. */
  private async settleTokens(outcomes: Outcome[], estimated: number, actual: number | undefined): Promise<void> {
    if (actual === undefined || !Number.isFinite(actual)) return;
    const delta = Math.max(0, Math.ceil(actual)) - estimated;
    if (delta === 0) return;
    await Promise.all(
      outcomes.map((outcome) => {
        if (!('window' in outcome) || outcome.check.dimension !== 'tokens' || !outcome.window.counted) return undefined;
        return delta > 0
          ? this.tokens.charge(outcome.check.bucket, delta)
          : this.tokens.giveBack(outcome.check.bucket, -delta, outcome.window.windowEndsAt);
      }),
    );
  }

  private headers(outcomes: Outcome[], refused: boolean): Record<string, string> {
    const view = (dimension: Dimension) =>
      outcomes.flatMap((outcome) => {
        if (!('window' in outcome) || outcome.check.dimension !== dimension) return [];
        // Refused: describe the windows without this request (its takes were given back).
        if (refused && outcome.ok)
          return [{ ...outcome.window, remaining: outcome.window.remaining + outcome.window.points }];
        return [outcome.window];
      });
    return rateLimitHeaders(view('requests'), view('tokens'));
  }

  /** The refusal to report: the one that asks the longest wait (waiting less would fail again). */
  private refusal(model: string, refused: Outcome[], headers: Record<string, string>): RateLimitError {
    const waitOf = (outcome: Outcome) => ('window' in outcome ? outcome.window.resetMs : CONCURRENCY_RETRY_MS);
    const worst = refused.reduce((a, b) => (waitOf(b) > waitOf(a) ? b : a));
    const retryAfterMs = waitOf(worst);
    const { check } = worst;
    const message =
      'window' in worst
        ? windowMessage(model, check.dimension as 'requests' | 'tokens', check, {
            limit: check.limit,
            used: worst.window.used,
            requested: worst.window.points,
            retryAfterMs,
          })
        : concurrencyMessage(model, check, check.limit, worst.lease.inFlight);
    return new RateLimitError({ message, retryAfterMs, headers });
  }
}

/** What admission returned: headers for the answer, and the end of the request. */
export class AdmittedTicket implements LimitTicket {
  private released: Promise<void> | undefined;

  constructor(
    readonly headers: Record<string, string>,
    private readonly undo: Array<() => Promise<void>>,
    private readonly settle: (actual: number | undefined) => Promise<void> = async () => {},
  ) {}

  /** Idempotent; the promise (for tests and shutdown) never rejects. */
  release(actualTokens: number | undefined): Promise<void> {
    this.released ??= Promise.all([...this.undo.map((run) => run()), this.settle(actualTokens)]).then(
      () => undefined,
      () => undefined,
    );
    return this.released;
  }
}

/** Which limits apply to this request, and in which buckets. */
export function planChecks(input: AdmitInput): Check[] {
  const { caller, limits } = input;
  const checks: Check[] = [];
  const override = caller.keyId === null ? undefined : resolveModelOverride(limits.modelOverrides, input.model);
  for (const [dimension, field] of DIMENSIONS) {
    if (caller.keyId !== null) {
      const overridden = override?.limits[field];
      if (override && overridden !== undefined) {
        if (overridden !== null) {
          checks.push({
            dimension,
            scope: 'model',
            pattern: override.pattern,
            bucket: `k:${caller.keyId}:m:${override.pattern}`,
            limit: overridden,
          });
        }
      } else if (limits.keyLimits[field] !== null) {
        checks.push({ dimension, scope: 'key', bucket: `k:${caller.keyId}`, limit: limits.keyLimits[field] });
      }
    }
    const userLimit = limits.userLimits[field];
    if (userLimit !== null) checks.push({ dimension, scope: 'user', bucket: `u:${caller.userId}`, limit: userLimit });
  }
  return checks;
}

function throttle(report: (error: unknown) => void, intervalMs: number): (error: unknown) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (error) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    report(error);
  };
}
