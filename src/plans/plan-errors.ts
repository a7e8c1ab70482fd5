/** The errors plans answer with, in the gateway's one error type (rendered once per surface). */
import { GatewayError } from '../ir/index.js';
import { RateLimitError } from '../limits/rate-limit-error.js';
import { formatResetDuration } from '../limits/reset-duration.js';
import type { WindowName } from './plan-types.js';

const WINDOW_WORDS: Record<WindowName, string> = {
  five_hour: '5-hour',
  day: 'daily',
  week: 'weekly',
  period: 'period',
  minute: 'per-minute',
};

/**
 * A 429: every subscription covering the model has a window that cannot take this request, and
 * none allows overflow to the balance. `retry-after` says when the first of them reopens.
 */
export function planWindowExhaustedError(input: { planName: string; window: WindowName; retryAfterMs: number }) {
  const wait = Math.max(1000, input.retryAfterMs);
  return new RateLimitError({
    code: 'plan_window_exhausted',
    message:
      `The ${WINDOW_WORDS[input.window]} allowance of your plan '${input.planName}' is used up. ` +
      `It reopens in ${formatResetDuration(wait)}.`,
    retryAfterMs: wait,
    headers: {},
  });
}

export function planNotFoundError(planId: string): GatewayError {
  return new GatewayError({ kind: 'not_found', code: 'plan_not_found', message: `No plan ${planId}.` });
}

export function planNotForSaleError(planId: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    code: 'plan_archived',
    message: `The plan ${planId} is no longer sold.`,
  });
}

export function subscriptionNotFoundError(id: string): GatewayError {
  return new GatewayError({ kind: 'not_found', code: 'subscription_not_found', message: `No subscription ${id}.` });
}

export function invalidPlanError(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code: 'invalid_value', param, message });
}
