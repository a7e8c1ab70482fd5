import type { AttemptDetail } from '../logs/request-log-entry.js';

/**
 * Label values of the request metrics, each from a set the operator or the code bounds, never
 * from what a client sends: one series per made-up model name or per user would grow the scrape
 * (and Prometheus's memory) without end.
 */

/** A model neither the catalog nor the price rules know, or a channel no longer configured. */
export const OTHER = 'other';
/** A label whose value is unknown for this request (no channel chosen, no model decoded). */
export const NONE = 'none';

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'other';

export function statusClass(status: number): StatusClass {
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 400 && status < 500) return '4xx';
  if (status >= 500 && status < 600) return '5xx';
  if (status >= 300 && status < 400) return '3xx';
  return 'other';
}

/** What the models known to AIHub are: the catalog's ids and the operator's priced ids. */
export interface KnownModels {
  /** Whether `model` (as a client names it, or as `vendor` serves it) is in the catalog or the price rules. */
  has(vendor: string | null, model: string): boolean;
}

/** The model label: the requested model when known, else the served one when known, else `other`. */
export function modelLabel(
  known: KnownModels,
  requested: string,
  served: string | null,
  vendor: string | null,
): string {
  if (requested === '' && served === null) return NONE;
  if (requested !== '' && known.has(vendor, requested)) return requested;
  if (served !== null && served !== requested && known.has(vendor, served)) return served;
  return OTHER;
}

export const UPSTREAM_FAILURE_CLASSES = [
  'rate_limit',
  'auth',
  'server_error',
  'client_error',
  'timeout',
  'connection',
  'malformed',
  'cancelled',
  'other',
] as const;
export type UpstreamFailureClass = (typeof UPSTREAM_FAILURE_CLASSES)[number];

/**
 * The class of a failed upstream attempt, from what the request log keeps of it (the error code
 * AIHub gave it and the upstream's HTTP status): vendors' own codes are many and open-ended, these
 * classes are what an operator alerts on.
 */
export function upstreamFailureClass(attempt: AttemptDetail): UpstreamFailureClass {
  const code = attempt.outcome;
  if (code === 'client_closed') return 'cancelled';
  if (code.includes('timeout')) return 'timeout';
  if (code === 'upstream_connection_error') return 'connection';
  if (code === 'upstream_malformed' || code === 'upstream_invalid_response') return 'malformed';
  if (code === 'upstream_auth_error' || code === 'upstream_account_error' || code === 'upstream_quota_exceeded')
    return 'auth';
  const status = attempt.status;
  if (status === 429) return 'rate_limit';
  if (status === 401 || status === 402 || status === 403) return 'auth';
  if (status !== undefined && status >= 500) return 'server_error';
  if (status !== undefined && status >= 400) return 'client_error';
  return 'other';
}
