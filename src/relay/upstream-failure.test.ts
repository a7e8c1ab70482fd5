import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { fromGatewaySide } from './upstream-failure.js';

describe('fromGatewaySide', () => {
  it('turns an upstream 401 into a retryable 502 that does not blame the client key', () => {
    const error = fromGatewaySide(
      new GatewayError({ kind: 'authentication', message: 'Incorrect API key provided', upstreamStatus: 401 }),
    );
    expect(error.status).toBe(502);
    expect(error.retryable).toBe(true);
    expect(error.code).toBe('upstream_auth_error');
  });

  it('turns an exhausted upstream account into a retryable 502', () => {
    const error = fromGatewaySide(
      new GatewayError({ kind: 'insufficient_quota', message: 'quota', upstreamStatus: 429 }),
    );
    expect(error.status).toBe(502);
    expect(error.code).toBe('upstream_quota_exceeded');
    expect(error.retryable).toBe(true);
  });

  it('lets another channel try a model one upstream does not know', () => {
    const error = fromGatewaySide(
      new GatewayError({ kind: 'not_found', message: 'no model', code: 'model_not_found', upstreamStatus: 404 }),
    );
    expect(error.status).toBe(404);
    expect(error.retryable).toBe(true);
  });

  it('leaves the gateway’s own errors and client errors alone', () => {
    const own = new GatewayError({ kind: 'authentication', message: 'bad key' });
    expect(fromGatewaySide(own)).toBe(own);
    const invalid = new GatewayError({ kind: 'invalid_request', message: 'bad', upstreamStatus: 400 });
    expect(fromGatewaySide(invalid)).toBe(invalid);
  });

  it('does not blame the client for an upstream account out of credit reported as a 400 (Anthropic)', () => {
    const error = fromGatewaySide(
      new GatewayError({
        kind: 'invalid_request',
        message: 'Your credit balance is too low to access the Anthropic API.',
        upstreamStatus: 400,
        upstreamType: 'invalid_request_error',
      }),
    );
    expect(error.status).toBe(502);
    expect(error.retryable).toBe(true);
    expect(error.code).toBe('upstream_quota_exceeded');
  });
});
