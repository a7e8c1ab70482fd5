import type { Channel } from '../routing/channel.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { RelayDeps } from './relay-deps.js';

export interface PlannedAttempt {
  channel: Channel;
  upstreamModel: string;
  apiKey: string;
  keyId: string;
}

/**
 * The order in which to try (channel, key) pairs for one request: channels best first, each
 * channel's keys in rotation order, capped at `maxAttempts`. A channel that fails is never
 * retried for the same request; another key of it is (a key can be rate-limited on its own).
 */
export function planAttempts(candidates: RouteCandidate[], deps: RelayDeps): PlannedAttempt[] {
  const plan: PlannedAttempt[] = [];
  for (const { channel, upstreamModel } of candidates) {
    for (const key of deps.keys.order(channel)) {
      plan.push({ channel, upstreamModel, apiKey: key.key, keyId: key.id });
      if (plan.length >= deps.maxAttempts) return plan;
    }
  }
  return plan;
}
