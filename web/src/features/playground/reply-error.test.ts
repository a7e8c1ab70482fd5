import { describe, expect, it } from 'vitest';
import { errorKind } from './ReplyError';
import type { ReplyError } from './types';

function failure(status: number, code: string | null): ReplyError {
  return { status, code, message: 'English detail', requestId: null, retryAfterSeconds: null, at: 0 };
}

describe('errorKind', () => {
  it.each(['upstream_auth_error', 'upstream_quota_exceeded', 'upstream_account_error', 'upstream_region_unsupported'])(
    'an upstream account failure (%s) is "temporarily unavailable", not the user’s fault',
    (code) => {
      expect(errorKind(failure(502, code))).toBe('temporarilyUnavailable');
    },
  );

  it('tells the user’s own problems apart', () => {
    expect(errorKind(failure(402, 'insufficient_balance'))).toBe('insufficientBalance');
    expect(errorKind(failure(429, 'rate_limit_exceeded'))).toBe('rateLimited');
    expect(errorKind(failure(400, 'model_price_unknown'))).toBe('priceUnknown');
    expect(errorKind(failure(404, 'model_not_found'))).toBe('modelUnavailable');
    expect(errorKind(failure(502, 'upstream_error'))).toBe('upstream');
  });
});
