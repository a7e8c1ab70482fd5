import type { GatewayError } from '../../ir/index.js';
import { accountProblem } from './account-errors.js';

/**
 * What a failed attempt says, and about what:
 * - `key`: this key (or its account) is the problem: rate limited (429), rejected (401/403),
 *   out of credit (402, `insufficient_quota`). Another key of the SAME channel may succeed, since
 *   a channel's keys are often separate accounts.
 * - `channel`: the upstream endpoint is the problem (connection refused or reset, timeouts, 5xx,
 *   overloaded, a malformed answer, the model unknown there): every key of it would fail alike,
 *   so the next attempt goes to another channel.
 * - `request`: the request itself is at fault (400, 413) or the gateway is (500): no retry, and
 *   the upstream's health is not blamed.
 * - `cancelled`: the client went away: stop, blame nobody.
 */
export type FailureScope = 'key' | 'channel' | 'request' | 'cancelled';

export interface FailureClass {
  scope: FailureScope;
  /** Counts as a failure in the circuit breaker's window. */
  countsForBreaker: boolean;
  /** Keep the key out of rotation this long. */
  cooldownMs?: number;
  /** A clear account error on the key: disable it, with this reason for administrators. */
  disableKey?: string;
  /** A clear error about the whole channel: disable it, with this reason. */
  disableChannel?: string;
}

export interface FailurePolicy {
  /** Cooldown for a 429 that names no retry-after. */
  rateLimitCooldownMs: number;
  /**
   * Cooldown for a key with a clear account error, while (or in case no one is) disabling it for
   * good: the process stops sending it traffic without waiting for the channel store.
   */
  accountCooldownMs: number;
}

export const DEFAULT_FAILURE_POLICY: FailurePolicy = { rateLimitCooldownMs: 5_000, accountCooldownMs: 60_000 };

/** Classifies an attempt's failure as the upstream (or network layer) reported it. */
export function classifyFailure(error: GatewayError, policy: FailurePolicy = DEFAULT_FAILURE_POLICY): FailureClass {
  if (error.code === 'client_closed') return { scope: 'cancelled', countsForBreaker: false };
  const account = accountProblem(error);
  if (account?.scope === 'key') {
    return {
      scope: 'key',
      countsForBreaker: false,
      cooldownMs: Math.max(policy.accountCooldownMs, error.retryAfterMs ?? 0),
      disableKey: account.reason,
    };
  }
  if (account?.scope === 'channel') {
    return { scope: 'channel', countsForBreaker: true, disableChannel: account.reason };
  }
  const withRetryAfter = (failure: FailureClass): FailureClass =>
    error.retryAfterMs !== undefined ? { ...failure, cooldownMs: error.retryAfterMs } : failure;
  switch (error.kind) {
    case 'rate_limit':
      return { scope: 'key', countsForBreaker: false, cooldownMs: error.retryAfterMs ?? policy.rateLimitCooldownMs };
    case 'authentication':
    case 'permission':
    case 'insufficient_quota':
      return withRetryAfter({ scope: 'key', countsForBreaker: true });
    case 'upstream_error':
    case 'upstream_timeout':
    case 'overloaded':
    case 'not_found':
      return withRetryAfter({ scope: 'channel', countsForBreaker: true });
    case 'invalid_request':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'no_channel':
    case 'internal':
      return { scope: 'request', countsForBreaker: false };
    default: {
      const unexpected: never = error.kind;
      throw new Error(`unclassified error kind ${String(unexpected)}`);
    }
  }
}
