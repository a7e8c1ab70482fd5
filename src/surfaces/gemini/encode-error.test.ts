import { describe, expect, it } from 'vitest';
import { GatewayError, type GatewayErrorKind } from '../../ir/index.js';
import { encodeGeminiError, googleStatus } from './encode-error.js';

describe('encodeGeminiError', () => {
  it('answers in Google’s envelope with the field named in a BadRequest detail', () => {
    const error = new GatewayError({
      kind: 'invalid_request',
      message: 'Invalid value at \'generation_config.temperature\' (TYPE_FLOAT), "hot"',
      param: 'generation_config.temperature',
    });
    expect(encodeGeminiError(error).body).toEqual({
      error: {
        code: 400,
        message: 'Invalid value at \'generation_config.temperature\' (TYPE_FLOAT), "hot"',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [
              {
                field: 'generation_config.temperature',
                description: 'Invalid value at \'generation_config.temperature\' (TYPE_FLOAT), "hot"',
              },
            ],
          },
        ],
      },
    });
  });

  it('carries the wait of a 429 as RetryInfo, and keeps our status code', () => {
    const limited = new GatewayError({ kind: 'rate_limit', message: 'Slow down', retryAfterMs: 1500 });
    expect(encodeGeminiError(limited).body).toEqual({
      error: {
        code: 429,
        message: 'Slow down',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }],
      },
    });
    const broke = new GatewayError({ kind: 'insufficient_quota', message: 'No balance', status: 402 });
    expect(encodeGeminiError(broke).body).toMatchObject({ error: { code: 402, status: 'RESOURCE_EXHAUSTED' } });
  });

  it.each([
    ['invalid_request', 'INVALID_ARGUMENT'],
    ['authentication', 'UNAUTHENTICATED'],
    ['permission', 'PERMISSION_DENIED'],
    ['not_found', 'NOT_FOUND'],
    ['payload_too_large', 'INVALID_ARGUMENT'],
    ['unsupported_media_type', 'INVALID_ARGUMENT'],
    ['rate_limit', 'RESOURCE_EXHAUSTED'],
    ['insufficient_quota', 'RESOURCE_EXHAUSTED'],
    ['upstream_error', 'INTERNAL'],
    ['upstream_timeout', 'DEADLINE_EXCEEDED'],
    ['overloaded', 'UNAVAILABLE'],
    ['no_channel', 'UNAVAILABLE'],
    ['internal', 'INTERNAL'],
  ] satisfies Array<[GatewayErrorKind, string]>)('names %s %s', (kind, status) => {
    expect(googleStatus(kind)).toBe(status);
  });

  it('names our machine code in an ErrorInfo', () => {
    const error = new GatewayError({ kind: 'not_found', message: 'No such model', code: 'model_not_found' });
    expect(encodeGeminiError(error).body).toMatchObject({
      error: { code: 404, status: 'NOT_FOUND', details: [{ reason: 'model_not_found', domain: 'aihub' }] },
    });
  });
});
