import type { Channel, ChannelKey } from '../routing/channel.js';
import { type RouteSelection, soonestRecovering, target } from '../routing/channel-selector.js';
import type { FailureScope } from '../routing/health/failure-class.js';
import type { HealthTicket, RouteHealth } from '../routing/health/route-health.js';
import type { KeyRotation } from '../routing/key-rotation.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { StickyRoute } from '../routing/sticky/sticky-store.js';

/** Keys one channel may use for a request while other channels are left to try. */
export const KEYS_PER_CHANNEL = 2;

export interface PlannedAttempt {
  channel: Channel;
  upstreamModel: string;
  apiKey: string;
  keyId: string;
  /** Tried although unhealthy (cooling or breaker open), because nothing healthier was left. */
  lastResort?: boolean;
}

export interface StartedAttempt {
  attempt: PlannedAttempt;
  /** Hand back to the route health with the attempt's outcome. */
  ticket: HealthTicket;
}

export interface AttemptPlanOptions {
  /** At most this many attempts in all. */
  maxAttempts: number;
  /** No new attempt starts once `now()` reaches this (the first one always does). */
  deadline: number;
  now: () => number;
  keys: KeyRotation;
  health: Pick<RouteHealth, 'usable' | 'begin' | 'availableAt'>;
}

/**
 * A request's plan, from the relay's settings: its attempt limit and retry budget, starting now, or
 * at `deadline` when the request set one before (a fallback model's plan keeps the request's).
 */
export function planAttempts(
  selection: RouteSelection,
  deps: {
    maxAttempts: number;
    maxRetryMs: number;
    now: () => number;
    keys: KeyRotation;
    routeHealth: AttemptPlanOptions['health'];
  },
  deadline: number = deps.now() + deps.maxRetryMs,
): AttemptPlan {
  return new AttemptPlan(selection, {
    maxAttempts: deps.maxAttempts,
    deadline,
    now: deps.now,
    keys: deps.keys,
    health: deps.routeHealth,
  });
}

/**
 * Whether a selection leaves a choice to make: more than one healthy (channel, key). Without one,
 * sticky routing is skipped (no hash, no Redis round trip): the single-key deployment pays nothing.
 */
export function hasRouteChoice(selection: RouteSelection): boolean {
  const [first, second] = selection.channels;
  return second !== undefined || (first?.channel.keys.length ?? 0) > 1;
}

/**
 * The attempts of one request, decided one at a time from the channel order chosen by the
 * selector. Rules:
 * - a conversation's sticky (channel, key) goes first while it may still be taken (`prefer`), so
 *   the upstream's prompt cache keeps hitting; failures then move on by the rules below;
 * - a channel that failed is never tried again for this request;
 * - after a failure about the key (429, 401/403, 402: FailureScope `key`) the next attempt uses
 *   another usable key of the same channel, if it has one (a channel's keys are often separate
 *   accounts); after any other failure it moves on to the next channel;
 * - a channel gets at most KEYS_PER_CHANNEL keys while other channels remain, so one channel's
 *   rate-limited pool cannot use up the attempts the others could answer with;
 * - keys come in the channel's rotation order, skipping keys in cooldown or with an open breaker;
 * - at most `maxAttempts`, and none starts after `deadline`;
 * - when no healthy choice can start the first attempt (all cooling, breakers open, probes out,
 *   as the selection found or as concurrent requests made it since), the choice that recovers
 *   first is tried alone (forced past its breaker), so the model is never refused unheard.
 */
export class AttemptPlan {
  private channelIndex = -1;
  private keysLeft: ChannelKey[] = [];
  private keysUsed = 0;
  private started = 0;
  /** A (channel, key) passed over only because another request holds its half-open probe. */
  private probeTaken: { candidate: RouteCandidate; key: ChannelKey } | undefined;
  /** The channel order: the selection's, with a sticky channel moved first (prefer). */
  private channels: readonly RouteCandidate[];
  /** The sticky key, tried first on the first channel. */
  private preferredKey: ChannelKey | undefined;

  constructor(
    private readonly selection: RouteSelection,
    private readonly options: AttemptPlanOptions,
  ) {
    this.channels = selection.channels;
  }

  /**
   * Puts a conversation's sticky (channel, key) first, when it may still be taken: its channel is
   * among the selected ones (so enabled, serving the model, with a usable key) in the top priority
   * tier and not drained, and the key itself is still in the channel's pool and usable (not cooling,
   * breaker not open). Priority wins over stickiness: when a higher tier recovers, the conversation
   * goes back to it (one cache miss) rather than staying on a fallback the operator ranked lower.
   * Weights are a soft share and yield to stickiness. Returns whether the route was taken; call
   * before the first `next`. A failure of the sticky key then fails over as usual.
   */
  prefer(route: StickyRoute | undefined): boolean {
    if (!route || this.started > 0 || this.channelIndex >= 0) return false;
    const top = this.channels[0]?.channel;
    const candidate = this.channels.find((entry) => entry.channel.id === route.channelId);
    if (!top || !candidate || !(candidate.channel.weight > 0)) return false;
    if (candidate.channel.priority !== top.priority) return false;
    const key = candidate.channel.keys.find((entry) => entry.id === route.keyId);
    if (!key || !this.options.health.usable(target(candidate, key))) return false;
    this.channels = [candidate, ...this.channels.filter((entry) => entry !== candidate)];
    this.preferredKey = key;
    return true;
  }

  /** Attempts started so far. */
  get count(): number {
    return this.started;
  }

  /**
   * Starts the next attempt after one that failed with `previous` (undefined for the first).
   * `accept`: only channels it accepts are tried (a stream's continuation needs a vendor that
   * continues a prefill); the others are passed over for the rest of the request.
   */
  next(previous?: FailureScope, accept?: (candidate: RouteCandidate) => boolean): StartedAttempt | undefined {
    if (this.started >= this.options.maxAttempts) return undefined;
    if (this.started > 0 && this.options.now() >= this.options.deadline) return undefined;
    const isLastChannel = this.channelIndex >= this.channels.length - 1;
    if (previous !== 'key' || (this.keysUsed >= KEYS_PER_CHANNEL && !isLastChannel)) this.keysLeft = [];
    const { health } = this.options;
    for (;;) {
      const candidate = this.channels[this.channelIndex];
      const key = candidate && accept && !accept(candidate) ? undefined : this.keysLeft.shift();
      if (key && candidate) {
        const route = target(candidate, key);
        if (!health.usable(route)) continue; // cooled down since the order was made
        const ticket = health.begin(route);
        if (ticket) return this.start(candidate, key, ticket);
        this.probeTaken ??= { candidate, key };
        continue;
      }
      this.channelIndex++;
      const nextChannel = this.channels[this.channelIndex];
      if (!nextChannel) break;
      this.keysLeft = this.keyOrder(nextChannel);
      this.keysUsed = 0;
    }
    // Nothing healthy could start: try the least unhealthy choice alone rather than fail unheard.
    // Chosen now, not at selection time: health may have changed since (see RouteSelection).
    const fallback =
      this.started === 0 ? (this.probeTaken ?? soonestRecovering(this.selection.candidates, health)) : undefined;
    if (!fallback) return undefined;
    const ticket = health.begin(target(fallback.candidate, fallback.key), true);
    return ticket ? this.start(fallback.candidate, fallback.key, ticket, true) : undefined;
  }

  /**
   * A channel's usable keys in the order to try them. The sticky key goes first, ahead of the
   * channel's other keys in pool order, without moving the rotation's cursor: a conversation that
   * stays put must not skew the round-robin that spreads new conversations over the pool.
   */
  private keyOrder(candidate: RouteCandidate): ChannelKey[] {
    const usable = (key: ChannelKey) => this.options.health.usable(target(candidate, key));
    const preferred = this.preferredKey;
    this.preferredKey = undefined;
    if (!preferred) return this.options.keys.order(candidate.channel, usable);
    return [preferred, ...candidate.channel.keys.filter((key) => key !== preferred && usable(key))];
  }

  private start(candidate: RouteCandidate, key: ChannelKey, ticket: HealthTicket, lastResort = false): StartedAttempt {
    this.started++;
    this.keysUsed++;
    const attempt: PlannedAttempt = {
      channel: candidate.channel,
      upstreamModel: candidate.upstreamModel,
      apiKey: key.key,
      keyId: key.id,
    };
    if (lastResort) attempt.lastResort = true;
    return { attempt, ticket };
  }
}
