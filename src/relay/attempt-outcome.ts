import type { GatewayError } from '../ir/index.js';
import type { FailureClass } from '../routing/health/failure-class.js';
import type { HealthTicket } from '../routing/health/route-health.js';
import type { PlannedAttempt } from './attempt-plan.js';
import type { RelayDeps } from './relay-deps.js';

/** The attempt answered completely (a stream ended cleanly): its breaker hears a success. */
export function reportSuccess(deps: RelayDeps, ticket: HealthTicket): void {
  deps.routeHealth.succeeded(ticket);
}

/**
 * Feeds a failed attempt to the route health (cooldown, breaker) and, for a clear account error,
 * to the channel store's health sink. Returns what the failure says, for the retry decision.
 */
export function reportFailure(
  deps: RelayDeps,
  ticket: HealthTicket,
  attempt: PlannedAttempt,
  error: GatewayError,
): FailureClass {
  const failure = deps.routeHealth.classify(error);
  if (failure.scope === 'cancelled') deps.routeHealth.released(ticket);
  else deps.routeHealth.failed(ticket, failure);
  const channelId = attempt.channel.id;
  try {
    if (failure.disableKey) {
      deps.logger.warn(
        { channel: attempt.channel.name, keyId: attempt.keyId, reason: failure.disableKey },
        'upstream key auto-disabled',
      );
      deps.health?.autoDisableKey(channelId, attempt.keyId, failure.disableKey);
    }
    if (failure.disableChannel) {
      deps.logger.warn({ channel: attempt.channel.name, reason: failure.disableChannel }, 'channel auto-disabled');
      deps.health?.autoDisableChannel(channelId, failure.disableChannel);
    }
  } catch (error) {
    // The sink's failure must not turn an upstream error into a gateway bug.
    deps.logger.error({ err: error, channel: attempt.channel.name }, 'channel health sink failed');
  }
  return failure;
}
