import type { GatewayError } from '../../ir/index.js';
import { type BreakerOptions, type BreakerTicket, CircuitBreaker, DEFAULT_BREAKER } from './circuit-breaker.js';
import { classifyFailure, DEFAULT_FAILURE_POLICY, type FailureClass, type FailurePolicy } from './failure-class.js';
import { KeyCooldowns } from './key-cooldowns.js';

export interface RouteHealthOptions {
  now: () => number;
  breaker?: Partial<BreakerOptions>;
  failurePolicy?: FailurePolicy;
  /** Longest cooldown honoured from a retry-after. */
  maxCooldownMs?: number;
  /** Breakers kept at most; closed, quiet ones are forgotten first. */
  maxBreakers?: number;
}

/** One (channel, key, model) an attempt goes to. */
export interface RouteTarget {
  channelId: string;
  keyId: string;
  /** The upstream model name. */
  model: string;
}

/** What `begin` hands out and the attempt's outcome gives back. */
export interface HealthTicket {
  target: RouteTarget;
  breaker: BreakerTicket;
}

export interface HealthSnapshot {
  cooldowns: Array<{ channelId: string; keyId: string; until: number }>;
  openBreakers: Array<RouteTarget & { state: 'open' | 'half-open'; availableAt: number }>;
}

/**
 * Health of the upstreams as this process has seen it: key cooldowns (retry-after) and circuit
 * breakers per (channel, key, model). Memory only, per process, lost on restart: a new process
 * relearns within a few calls, and replicas judge independently (an upstream that fails for one
 * is usually failing for all). Only upstream failures count; the client's own errors never do.
 */
export class RouteHealth {
  private readonly cooldowns: KeyCooldowns;
  private readonly breakers = new Map<string, CircuitBreaker>();
  /**
   * Breakers that may not be closed (opened by a failure, not yet closed by a success). Empty in
   * the common case, which lets `allUsable` answer without building a key per candidate: with
   * 1,000 channels routing showed up at ~4% of the benchmark's CPU (issue 5, scale).
   */
  private readonly notClosed = new Set<string>();
  private readonly breakerOptions: BreakerOptions;
  private readonly maxBreakers: number;

  constructor(private readonly options: RouteHealthOptions) {
    this.cooldowns = new KeyCooldowns(options.now, options.maxCooldownMs);
    this.breakerOptions = { ...DEFAULT_BREAKER, ...options.breaker };
    this.maxBreakers = options.maxBreakers ?? 10_000;
  }

  /** What a failed attempt's error says, and about what (see FailureScope). */
  classify(error: GatewayError): FailureClass {
    return classifyFailure(error, this.options.failurePolicy ?? DEFAULT_FAILURE_POLICY);
  }

  /** True when nothing is cooling and every breaker is closed: every target is usable. */
  allUsable(): boolean {
    return this.notClosed.size === 0 && this.cooldowns.size === 0;
  }

  /** Whether a call to `target` may start now: its key is not cooling and its breaker lets it. */
  usable(target: RouteTarget): boolean {
    if (this.allUsable()) return true;
    if (this.cooldowns.isCooling(keyOf(target))) return false;
    return this.breakers.get(breakerKey(target))?.canPass(this.options.now()) ?? true;
  }

  /** When `target` becomes usable again (0 when it is now). */
  availableAt(target: RouteTarget): number {
    const breaker = this.breakers.get(breakerKey(target))?.availableAt(this.options.now()) ?? 0;
    return Math.max(this.cooldowns.availableAt(keyOf(target)), breaker);
  }

  /**
   * Starts a call to `target`: claims the half-open probe when there is one. Undefined when the
   * call may not start (another request holds the probe), unless `force`d: the caller has
   * nothing healthier and tries it anyway.
   */
  begin(target: RouteTarget, force = false): HealthTicket | undefined {
    if (this.allUsable()) return { target, breaker: 'normal' };
    if (!force && this.cooldowns.isCooling(keyOf(target))) return undefined;
    const existing = this.breakers.get(breakerKey(target));
    if (!existing) return { target, breaker: 'normal' };
    const breaker = existing.begin(this.options.now(), force);
    return breaker ? { target, breaker } : undefined;
  }

  /** The call answered fully (a stream ended cleanly). */
  succeeded(ticket: HealthTicket): void {
    const key = breakerKey(ticket.target);
    // Successes are recorded too: the window's failure rate needs them.
    const breaker = this.breakers.get(key) ?? new CircuitBreaker(this.breakerOptions);
    const now = this.options.now();
    breaker.success(now, ticket.breaker);
    if (this.notClosed.size > 0 && breaker.state(now) === 'closed') this.notClosed.delete(key);
    this.touch(key, breaker);
  }

  /** The call failed as `failure` says. */
  failed(ticket: HealthTicket, failure: FailureClass): void {
    if (failure.cooldownMs !== undefined) this.cooldowns.cool(keyOf(ticket.target), failure.cooldownMs);
    const key = breakerKey(ticket.target);
    if (!failure.countsForBreaker) {
      this.breakers.get(key)?.release(ticket.breaker);
      return;
    }
    const breaker = this.breakers.get(key) ?? new CircuitBreaker(this.breakerOptions);
    const now = this.options.now();
    breaker.failure(now, ticket.breaker);
    if (breaker.state(now) !== 'closed') this.notClosed.add(key);
    this.touch(key, breaker);
  }

  /** The call ended without a verdict (the client went away). */
  released(ticket: HealthTicket): void {
    this.breakers.get(breakerKey(ticket.target))?.release(ticket.breaker);
  }

  /** Forgets everything (an operator's "reset health"; tests). */
  reset(): void {
    this.cooldowns.clear();
    this.breakers.clear();
    this.notClosed.clear();
  }

  /** Cooling keys and breakers that are not closed, for administrators. */
  snapshot(): HealthSnapshot {
    const now = this.options.now();
    const cooldowns = this.cooldowns.entries().map(({ key, until }) => {
      const [channelId = '', keyId = ''] = key.split('\n');
      return { channelId, keyId, until };
    });
    const openBreakers: HealthSnapshot['openBreakers'] = [];
    for (const [key, breaker] of this.breakers) {
      const state = breaker.state(now);
      if (state === 'closed') continue;
      const [channelId = '', keyId = '', model = ''] = key.split('\n');
      openBreakers.push({ channelId, keyId, model, state, availableAt: breaker.availableAt(now) });
    }
    return { cooldowns, openBreakers };
  }

  /** Keeps recently used breakers at the end of the map; drops the oldest quiet ones when full. */
  private touch(key: string, breaker: CircuitBreaker): void {
    this.breakers.delete(key);
    this.breakers.set(key, breaker);
    if (this.breakers.size <= this.maxBreakers) return;
    for (const [oldKey, old] of this.breakers) {
      if (this.breakers.size <= this.maxBreakers) break;
      if (old.state(this.options.now()) === 'closed') this.breakers.delete(oldKey);
    }
  }
}

function keyOf(target: RouteTarget): string {
  return `${target.channelId}\n${target.keyId}`;
}

function breakerKey(target: RouteTarget): string {
  return `${target.channelId}\n${target.keyId}\n${target.model}`;
}
