import type { RelayCaller } from '../relay/relay-ports.js';

/**
 * Limits of one scope (a key, a user, or a key for some models): requests per minute, tokens per
 * minute, requests in flight. `null` = no limit. Same shape as `RateLimits` in src/accounts.
 */
export interface LimitSet {
  rpm: number | null;
  tpm: number | null;
  concurrency: number | null;
}

/**
 * Per-model limits for a key: model id or `*` glob → the limits that replace the key's own for
 * matching models. An exact id wins over globs; among globs the first in the map's order wins.
 * A field set to a number is counted in a bucket of its own per (key, pattern); `null` lifts the
 * key's limit for those models; a missing field leaves the key's own limit (and bucket) in force.
 * The user's limits always apply too.
 */
export type ModelLimitOverrides = Readonly<Record<string, Partial<LimitSet>>>;

export interface CallerLimits {
  keyLimits: LimitSet;
  userLimits: LimitSet;
  modelOverrides?: ModelLimitOverrides;
}

export interface AdmitInput {
  caller: Pick<RelayCaller, 'userId' | 'keyId'>;
  /** The model as the client named it (override patterns match it; it also names it in messages). */
  model: string;
  /** Tokens counted against TPM at admission (input estimate + output cap); settled by `release`. */
  estimatedTokens: number;
  limits: CallerLimits;
}

export interface LimitTicket {
  /** `x-ratelimit-*` headers to send with the answer (empty when no RPM/TPM limit applies). */
  headers: Record<string, string>;
  /**
   * Ends the request: frees its concurrency slots and corrects TPM from the estimate to the
   * actual tokens (`undefined`: keep the estimate). Call exactly once, in a `finally`; later calls
   * do nothing. Never throws.
   */
  release(actualTokens: number | undefined): void;
}

/** What the chat route calls: throws a `RateLimitError` (429) or returns a ticket. */
export interface RelayLimits {
  admit(input: AdmitInput): Promise<LimitTicket>;
}

export type Dimension = 'requests' | 'tokens' | 'concurrency';
export type Scope = 'key' | 'user' | 'model';
