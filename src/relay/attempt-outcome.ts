import type { FailureClass } from '../routing/health/failure-class.js';
import type { HealthTicket } from '../routing/health/route-health.js';
import type { AttemptFailure } from './attempt-failure.js';
import type { PlannedAttempt } from './attempt-plan.js';
import type { RelayDeps } from './relay-deps.js';

/** The attempt answered completely (a stream ended cleanly): its breaker hears a success. */
export function reportSuccess(deps: RelayDeps, ticket: HealthTicket): void {
  deps.routeHealth.succeeded(ticket);
}

/**
 * The one door from a failed attempt to route health. A failure of upstream origin is fed to the
 * cooldowns and the breaker and, for a clear account error, to the channel store's health sink;
 * its class is returned, for the retry decision. Any other failure (the client went away, AIHub's
 * own error) releases the ticket untouched and returns undefined: one client's request, or a bug,
 * must never take a model away from everyone.
 */
export function reportFailure(
  deps: RelayDeps,
  ticket: HealthTicket,
  attempt: PlannedAttempt,
  failure: AttemptFailure,
  requestId?: string,
): FailureClass | undefined {
  if (failure.origin !== 'upstream') {
    deps.routeHealth.released(ticket);
    return undefined;
  }
  const verdict = deps.routeHealth.classify(failure.error);
  if (verdict.scope === 'cancelled') deps.routeHealth.released(ticket);
  else deps.routeHealth.failed(ticket, verdict);
  const channelId = attempt.channel.id;
  try {
    if (verdict.disableKey) {
      deps.logger.warn(
        { requestId, channel: attempt.channel.name, keyId: attempt.keyId, reason: verdict.disableKey },
        'upstream key auto-disabled',
      );
      deps.health?.autoDisableKey(channelId, attempt.keyId, verdict.disableKey);
    }
    if (verdict.disableChannel) {
      deps.logger.warn(
        { requestId, channel: attempt.channel.name, reason: verdict.disableChannel },
        'channel auto-disabled',
      );
      deps.health?.autoDisableChannel(channelId, verdict.disableChannel);
    }
  } catch (error) {
    // The sink's failure must not turn an upstream error into a gateway bug.
    deps.logger.error({ requestId, err: error, channel: attempt.channel.name }, 'channel health sink failed');
  }
  return verdict;
}
