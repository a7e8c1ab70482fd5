export interface BreakerOptions {
  /** Outcomes older than this leave the window. */
  windowMs: number;
  /** At most this many most recent outcomes are kept. */
  windowSize: number;
  /** No verdict on fewer outcomes than this: one error never opens the breaker. */
  minCalls: number;
  /** Opens when failures / outcomes in the window reaches this (0..1]. */
  failureRate: number;
  /** How long the first trip keeps the breaker open; each further trip in a row doubles it... */
  openMs: number;
  /** ...up to this. */
  maxOpenMs: number;
  /** A half-open probe that has not reported after this long no longer blocks another one. */
  probeTimeoutMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = {
  windowMs: 30_000,
  windowSize: 20,
  minCalls: 5,
  failureRate: 0.5,
  openMs: 30_000,
  maxOpenMs: 5 * 60_000,
  probeTimeoutMs: 30_000,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

/** How a call got through: in the normal course, as the half-open probe, or forced through. */
export type BreakerTicket = 'normal' | 'probe' | 'forced';

interface Outcome {
  at: number;
  ok: boolean;
}

/**
 * One circuit breaker (the health of one channel key for one model). Closed: calls pass and their
 * outcomes fill a rolling window; it opens when the window holds at least `minCalls` outcomes and
 * the failure rate reaches `failureRate`. Open: nothing passes until `openMs` has passed (doubled
 * on each trip in a row, capped). Half-open: ONE probe passes; its success closes the breaker,
 * its failure opens it again for longer. Time comes from the caller, so tests need no waiting.
 */
export class CircuitBreaker {
  private window: Outcome[] = [];
  private openUntil = 0;
  private trips = 0;
  private probeStartedAt: number | undefined;

  constructor(private readonly options: BreakerOptions) {}

  state(now: number): BreakerState {
    if (this.trips === 0) return 'closed';
    return now < this.openUntil ? 'open' : 'half-open';
  }

  /** Whether a call may start now (without claiming the half-open probe). */
  canPass(now: number): boolean {
    const state = this.state(now);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    return !this.probeInFlight(now);
  }

  /** When a call may pass again (0 when it may now). */
  availableAt(now: number): number {
    if (this.canPass(now)) return 0;
    if (this.state(now) === 'open') return this.openUntil;
    return (this.probeStartedAt ?? now) + this.options.probeTimeoutMs;
  }

  /**
   * Starts a call. Closed: a normal call. Half-open with no probe out: this call is the probe.
   * Otherwise undefined (the call may not start), unless `force`d (no healthier choice is left).
   */
  begin(now: number, force = false): BreakerTicket | undefined {
    const state = this.state(now);
    if (state === 'closed') return 'normal';
    if (state === 'half-open' && !this.probeInFlight(now)) {
      this.probeStartedAt = now;
      return 'probe';
    }
    return force ? 'forced' : undefined;
  }

  success(now: number, ticket: BreakerTicket): void {
    if (this.trips === 0) {
      this.push(now, true);
    } else if (ticket !== 'normal') {
      // A probe (or a call let through for want of anything better) worked: close.
      this.trips = 0;
      this.openUntil = 0;
      this.probeStartedAt = undefined;
      this.window = [];
    }
    // A normal call that started before the breaker opened proves little: ignored.
  }

  failure(now: number, ticket: BreakerTicket): void {
    if (this.trips > 0) {
      // The probe failed: open again, for longer. Late or forced failures change nothing.
      if (ticket === 'probe') this.trip(now);
      return;
    }
    this.push(now, false);
    const failures = this.window.filter((outcome) => !outcome.ok).length;
    if (this.window.length >= this.options.minCalls && failures / this.window.length >= this.options.failureRate) {
      this.trip(now);
    }
  }

  /** A call ended without a verdict (the client went away): frees the probe it held. */
  release(ticket: BreakerTicket): void {
    if (ticket === 'probe') this.probeStartedAt = undefined;
  }

  private trip(now: number): void {
    this.trips++;
    const ms = Math.min(this.options.openMs * 2 ** (this.trips - 1), this.options.maxOpenMs);
    this.openUntil = now + ms;
    this.probeStartedAt = undefined;
    this.window = [];
  }

  private push(now: number, ok: boolean): void {
    this.window.push({ at: now, ok });
    const oldest = now - this.options.windowMs;
    let drop = Math.max(0, this.window.length - this.options.windowSize);
    while (drop < this.window.length && (this.window[drop] as Outcome).at < oldest) drop++;
    if (drop > 0) this.window = this.window.slice(drop);
  }

  private probeInFlight(now: number): boolean {
    return this.probeStartedAt !== undefined && now - this.probeStartedAt < this.options.probeTimeoutMs;
  }
}
