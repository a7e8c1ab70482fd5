import { describe, expect, it } from 'vitest';
import { decodeGeminiError, readGeminiErrorEnvelope } from './decode-error.js';

const body = (error: Record<string, unknown>) => JSON.stringify({ error });

describe('decodeGeminiError', () => {
  it('maps RESOURCE_EXHAUSTED to rate_limit with the RetryInfo delay', () => {
    const error = decodeGeminiError(
      429,
      { 'retry-after': '5' },
      body({
        code: 429,
        message: 'You exceeded your current quota, please check your plan.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' },
        ],
      }),
    );
    expect(error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryable: true,
      retryAfterMs: 34400,
      upstreamStatus: 429,
      upstreamType: 'RESOURCE_EXHAUSTED',
      message: 'You exceeded your current quota, please check your plan.',
    });
  });

  it('falls back to the retry-after header', () => {
    expect(
      decodeGeminiError(429, { 'retry-after': '7' }, body({ code: 429, status: 'RESOURCE_EXHAUSTED' })).retryAfterMs,
    ).toBe(7000);
  });

  it('treats API_KEY_INVALID as an authentication failure', () => {
    const error = decodeGeminiError(
      400,
      {},
      body({
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
        ],
      }),
    );
    expect(error).toMatchObject({ kind: 'authentication', status: 401, code: 'invalid_api_key', upstreamStatus: 400 });
  });

  it('marks an unknown model as model_not_found', () => {
    const error = decodeGeminiError(
      404,
      {},
      body({ code: 404, message: 'models/nope is not found for API version v1beta', status: 'NOT_FOUND' }),
    );
    expect(error).toMatchObject({ kind: 'not_found', status: 404, code: 'model_not_found' });
  });

  it.each([
    ['INVALID_ARGUMENT', 400, 'invalid_request'],
    ['FAILED_PRECONDITION', 400, 'invalid_request'],
    ['UNAUTHENTICATED', 401, 'authentication'],
    ['PERMISSION_DENIED', 403, 'permission'],
    ['UNAVAILABLE', 503, 'overloaded'],
    ['DEADLINE_EXCEEDED', 504, 'upstream_timeout'],
    ['INTERNAL', 500, 'upstream_error'],
    ['SOMETHING_ELSE', 403, 'permission'],
  ])('%s (%i) → %s', (status, code, kind) => {
    expect(decodeGeminiError(code, {}, body({ code, status, message: 'm' })).kind).toBe(kind);
  });

  it('flags an over-long prompt as context_length_exceeded', () => {
    const message = 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).';
    expect(decodeGeminiError(400, {}, body({ code: 400, status: 'INVALID_ARGUMENT', message })).code).toBe(
      'context_length_exceeded',
    );
  });

  it('never copies a non-JSON body into the message', () => {
    const error = decodeGeminiError(502, {}, '<html>secret proxy page</html>');
    expect(error).toMatchObject({ kind: 'upstream_error', status: 502, upstreamStatus: 502 });
    expect(error.message).not.toContain('secret');
  });
});

describe('readGeminiErrorEnvelope', () => {
  it('finds the error in a plain body and in a JSON-array stream', () => {
    const error = { code: 500, message: 'x', status: 'INTERNAL' };
    expect(readGeminiErrorEnvelope({ error })).toEqual(error);
    expect(readGeminiErrorEnvelope([{ error }])).toEqual(error);
    expect(readGeminiErrorEnvelope({ candidates: [] })).toBeUndefined();
  });
});
