import type { RouteCandidate } from './model-router.js';
import { type CandidateFacts, perMillion } from './provider-preferences.js';

/**
 * The operator's routing policy (the `routingPolicy` setting): how the healthy channels of one
 * priority tier are ordered. Priority tiers always come first, and drained channels (weight 0)
 * after every other, whatever the policy.
 *
 * - `weighted` (default): the selector's weighted random order, weights as traffic shares.
 * - `cheapest`: by what the route costs the operator per 1M tokens (prompt + completion, the
 *   channel's cost: billing/channel-cost.ts); unknown cost last; ties keep the weighted order,
 *   so equally cheap channels still share traffic by weight.
 * - `fastest`: by measured time to first token (route-speed.ts, per process). So that every
 *   route keeps being measured, a route with fewer than EXPLORE_SAMPLES samples goes first (a new
 *   or reloaded channel is tried at once), and EXPLORE_SHARE of requests keep the weighted order,
 *   which refreshes the figures of routes that were slow once but may have recovered (the
 *   averages follow about the last ten answers).
 *
 * A caller's `provider.order`/`provider.sort` is applied after this (a stable sort), so it wins;
 * the policy then only decides among what the caller left equal. A conversation's sticky route
 * (attempt-plan.ts `prefer`) still wins within the top tier, as it does over weights: its
 * upstream prompt cache is worth more than the spread between two channels, and a conversation's
 * first request follows the policy.
 */
export const ROUTING_POLICIES = ['weighted', 'cheapest', 'fastest'] as const;
export type RoutingPolicy = (typeof ROUTING_POLICIES)[number];

/** A route measured fewer times than this is tried first under `fastest`. */
export const EXPLORE_SAMPLES = 3;
/** The share of requests that keep the weighted order under `fastest`. */
export const EXPLORE_SHARE = 0.05;

export interface TierPolicyFacts extends Pick<CandidateFacts, 'cost' | 'speed'> {
  /** [0, 1), like Math.random: the exploration draw. */
  random(): number;
}

/** The selector's channels (tiers high to low, weighted within, drained last) re-ordered within each tier. */
export function tierPolicyOrder(
  channels: readonly RouteCandidate[],
  policy: RoutingPolicy,
  facts: TierPolicyFacts,
): RouteCandidate[] {
  if (policy === 'weighted' || !hasTierChoice(channels)) return [...channels];
  if (policy === 'fastest' && facts.random() < EXPLORE_SHARE) return [...channels];
  const key = policy === 'cheapest' ? cheapestKey(facts) : fastestKey(facts);
  const out: RouteCandidate[] = [];
  for (const tier of tiers(channels)) {
    const keyed = tier.map((candidate) => ({ candidate, key: key(candidate) }));
    // Stable: equal keys keep the weighted order.
    keyed.sort((a, b) => (a.key === b.key ? 0 : a.key < b.key ? -1 : 1));
    for (const entry of keyed) out.push(entry.candidate);
  }
  return out;
}

function cheapestKey(facts: TierPolicyFacts): (candidate: RouteCandidate) => number {
  return (candidate) => perMillion(facts.cost(candidate));
}

function fastestKey(facts: TierPolicyFacts): (candidate: RouteCandidate) => number {
  return (candidate) => {
    const speed = facts.speed(candidate);
    if (speed?.ttftMs === undefined || (speed.samples ?? 0) < EXPLORE_SAMPLES) return Number.NEGATIVE_INFINITY;
    return speed.ttftMs;
  };
}

const drained = (candidate: RouteCandidate) => !(candidate.channel.weight > 0);

/** Runs of the same priority and drained-ness, in the selector's order. */
function tiers(channels: readonly RouteCandidate[]): RouteCandidate[][] {
  const runs: RouteCandidate[][] = [];
  let previous: RouteCandidate | undefined;
  for (const candidate of channels) {
    const sameTier =
      previous !== undefined &&
      previous.channel.priority === candidate.channel.priority &&
      drained(previous) === drained(candidate);
    if (sameTier) runs[runs.length - 1]?.push(candidate);
    else runs.push([candidate]);
    previous = candidate;
  }
  return runs;
}

/** Whether any tier has two channels (else there is nothing to order, and no draw is taken). */
function hasTierChoice(channels: readonly RouteCandidate[]): boolean {
  return tiers(channels).some((tier) => tier.length > 1);
}
