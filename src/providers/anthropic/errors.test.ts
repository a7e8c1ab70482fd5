import { describe, expect, it } from 'vitest';
import { anthropicErrorFromObject, decodeAnthropicError, kindForAnthropicErrorType } from './errors.js';

const envelope = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message } });

describe('decodeAnthropicError', () => {
  it('maps an overloaded 529 to kind overloaded, status 503, retryable', () => {
    const error = decodeAnthropicError(529, {}, envelope('overloaded_error', 'Overloaded'));
    expect(error).toMatchObject({
      kind: 'overloaded',
      status: 503,
      retryable: true,
      upstreamStatus: 529,
      upstreamType: 'overloaded_error',
      message: 'Overloaded',
    });
  });

  it('keeps retry-after as milliseconds on a rate limit', () => {
    const error = decodeAnthropicError(429, { 'retry-after': '7' }, envelope('rate_limit_error', 'slow down'));
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 7000, retryable: true });
  });

  it('flags a too-long prompt as context_length_exceeded', () => {
    const error = decodeAnthropicError(400, {}, envelope('invalid_request_error', 'prompt is too long: 210000 tokens'));
    expect(error).toMatchObject({
      kind: 'invalid_request',
      status: 400,
      code: 'context_length_exceeded',
      retryable: false,
    });
  });

  it('falls back to the HTTP status when the body is not JSON, without echoing the body', () => {
    const error = decodeAnthropicError(502, {}, '<html>secret proxy page</html>');
    expect(error).toMatchObject({ kind: 'upstream_error', status: 502, upstreamStatus: 502 });
    expect(error.message).not.toContain('secret');
    expect(decodeAnthropicError(529, {}, '')).toMatchObject({ kind: 'overloaded', status: 503 });
  });

  it('falls back to the HTTP status for an unknown error type', () => {
    expect(decodeAnthropicError(403, {}, envelope('brand_new_error', 'no'))).toMatchObject({
      kind: 'permission',
      upstreamType: 'brand_new_error',
    });
  });
});

describe('kindForAnthropicErrorType', () => {
  it.each([
    ['overloaded_error', 'overloaded'],
    ['rate_limit_error', 'rate_limit'],
    ['api_error', 'upstream_error'],
    ['invalid_request_error', 'invalid_request'],
    ['authentication_error', 'authentication'],
    ['permission_error', 'permission'],
    ['not_found_error', 'not_found'],
    ['request_too_large', 'payload_too_large'],
    ['billing_error', 'insufficient_quota'],
    ['timeout_error', 'upstream_timeout'],
  ] as const)('%s -> %s', (type, kind) => {
    expect(kindForAnthropicErrorType(type)).toBe(kind);
  });
});

describe('anthropicErrorFromObject', () => {
  it('defaults to upstream_error without status or known type (a stream error event)', () => {
    expect(anthropicErrorFromObject({ type: 'weird' })).toMatchObject({ kind: 'upstream_error', status: 502 });
  });
});
