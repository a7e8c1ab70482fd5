import type { ChannelKey } from './channel.js';
import type { RouteHealth, RouteTarget } from './health/route-health.js';
import type { RouteCandidate } from './model-router.js';
import { weightedOrder } from './weighted-order.js';

export interface SelectorDeps {
  health: Pick<RouteHealth, 'usable' | 'availableAt'> & Partial<Pick<RouteHealth, 'allUsable'>>;
  /** [0, 1), like Math.random; injected so tests are deterministic. */
  random: () => number;
}

export interface RouteSelection {
  /**
   * Channels to try, best first: priority tiers high to low, weighted random order within a
   * tier, drained channels (weight 0) after every other. Each has a usable key now.
   */
  channels: RouteCandidate[];
  /**
   * Set only when no channel has a usable key: the (channel, key) that recovers soonest, to be
   * tried alone. A model served by one upstream keeps working through a cooldown or an open
   * breaker instead of failing every request (Envoy calls this panic routing); when there are
   * alternatives, unhealthy keys are skipped.
   */
  lastResort?: { candidate: RouteCandidate; key: ChannelKey };
  /**
   * Every candidate, healthy or not. Health can change between the selection and the first
   * attempt (the relay awaits the balance hold in between, while concurrent requests open breakers
   * and take half-open probes): the attempt plan then picks its last resort from these.
   */
  candidates: readonly RouteCandidate[];
}

/** Orders the channels that may serve one request (see RouteSelection). */
export function selectRoute(candidates: readonly RouteCandidate[], deps: SelectorDeps): RouteSelection {
  const healthy: RouteCandidate[] = [];
  const allUsable = deps.health.allUsable?.() === true;
  for (const candidate of candidates) {
    const keys = candidate.channel.keys;
    if (allUsable ? keys.length > 0 : keys.some((key) => deps.health.usable(target(candidate, key))))
      healthy.push(candidate);
  }
  if (healthy.length > 0) return { channels: orderByPriorityAndWeight(healthy, deps.random), candidates };
  const lastResort = soonestRecovering(candidates, deps.health);
  return lastResort ? { channels: [], lastResort, candidates } : { channels: [], candidates };
}

/** Priority tiers high to low, weighted random within each; weight-0 channels only after all others. */
export function orderByPriorityAndWeight(
  candidates: readonly RouteCandidate[],
  random: () => number,
): RouteCandidate[] {
  const active = candidates.filter((candidate) => candidate.channel.weight > 0);
  const drained = candidates.filter((candidate) => !(candidate.channel.weight > 0));
  return [...byTiers(active, random), ...byTiers(drained, random)];
}

function byTiers(candidates: readonly RouteCandidate[], random: () => number): RouteCandidate[] {
  const first = candidates[0]?.channel.priority;
  if (candidates.every((candidate) => candidate.channel.priority === first)) {
    return weightedOrder(candidates, (candidate) => candidate.channel.weight, random);
  }
  const tiers = new Map<number, RouteCandidate[]>();
  for (const candidate of candidates) {
    const tier = tiers.get(candidate.channel.priority) ?? [];
    tier.push(candidate);
    tiers.set(candidate.channel.priority, tier);
  }
  return [...tiers.keys()]
    .sort((a, b) => b - a)
    .flatMap((priority) => weightedOrder(tiers.get(priority) ?? [], (candidate) => candidate.channel.weight, random));
}

/** The (channel, key) that becomes usable first; the higher priority on a tie. */
export function soonestRecovering(
  candidates: readonly RouteCandidate[],
  health: Pick<RouteHealth, 'availableAt'>,
): RouteSelection['lastResort'] | undefined {
  let best: { candidate: RouteCandidate; key: ChannelKey; at: number; priority: number } | undefined;
  for (const candidate of candidates) {
    for (const key of candidate.channel.keys) {
      const at = health.availableAt(target(candidate, key));
      const priority = candidate.channel.priority;
      if (!best || at < best.at || (at === best.at && priority > best.priority)) {
        best = { candidate, key, at, priority };
      }
    }
  }
  return best && { candidate: best.candidate, key: best.key };
}

/** The health key of a (channel, key) for the candidate's upstream model. */
export function target(candidate: RouteCandidate, key: ChannelKey): RouteTarget {
  return { channelId: candidate.channel.id, keyId: key.id, model: candidate.upstreamModel };
}
