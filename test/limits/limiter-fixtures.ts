/** Shared helpers for the request-limiter tests (one node, and replicas on one Redis). */
import { expect } from 'vitest';
import type { AdmitInput, CallerLimits, LimitSet } from '../../src/limits/limit-types.js';
import { RateLimitError } from '../../src/limits/rate-limit-error.js';

export const NONE: LimitSet = { rpm: null, tpm: null, concurrency: null };
let serial = 0;

/** A fresh key and user per test, so tests never share buckets. */
export function caller() {
  serial++;
  return { userId: `usr_${serial}`, keyId: `key_${serial}` };
}

export function input(
  who: AdmitInput['caller'],
  limits: Partial<CallerLimits>,
  extra: Partial<AdmitInput> = {},
): AdmitInput {
  return {
    caller: who,
    model: 'gpt-4o',
    estimatedTokens: 0,
    limits: { keyLimits: NONE, userLimits: NONE, ...limits },
    ...extra,
  };
}

export async function refusal(promise: Promise<unknown>): Promise<RateLimitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RateLimitError);
    return error as RateLimitError;
  }
  throw new Error('expected a 429');
}
