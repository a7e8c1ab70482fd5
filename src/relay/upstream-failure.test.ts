import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
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

  describe('clients see only AIHub’s own words for the gateway’s upstream account', () => {
    const upstream = (options: ConstructorParameters<typeof GatewayError>[0]) => new GatewayError(options);
    it.each([
      [
        'a 401 naming the key',
        upstream({ kind: 'authentication', message: 'Incorrect API key provided: sk-***0001.', upstreamStatus: 401 }),
        502,
        'upstream_auth_error',
      ],
      [
        'a 403',
        upstream({
          kind: 'permission',
          message: 'Project proj_abc does not have access to model gpt-x',
          upstreamStatus: 403,
        }),
        502,
        'upstream_auth_error',
      ],
      [
        'a 402 (DeepSeek)',
        upstream({
          kind: 'insufficient_quota',
          message: 'Insufficient Balance for account 12345',
          upstreamStatus: 402,
        }),
        502,
        'upstream_quota_exceeded',
      ],
      [
        'an exhausted quota (OpenAI)',
        upstream({
          kind: 'insufficient_quota',
          message: 'You exceeded your current quota, please check your plan and billing details (org-abc).',
          upstreamStatus: 429,
        }),
        502,
        'upstream_quota_exceeded',
      ],
      [
        'a credit balance too low (Anthropic, as a 400)',
        upstream({
          kind: 'invalid_request',
          message: 'Your credit balance is too low to access the Anthropic API (org-abc).',
          upstreamStatus: 400,
        }),
        502,
        'upstream_quota_exceeded',
      ],
      [
        'a region refused',
        upstream({
          kind: 'permission',
          message: 'Country, region, or territory not supported (org-abc)',
          upstreamStatus: 403,
        }),
        502,
        'upstream_region_unsupported',
      ],
      [
        'a rate limit naming the organisation',
        upstream({
          kind: 'rate_limit',
          message: 'Rate limit reached for gpt-4o in organization org-abc on requests per min (RPM): Limit 3',
          upstreamStatus: 429,
          retryAfterMs: 20_000,
        }),
        429,
        null,
      ],
      [
        'a rate limit as an error event inside a stream',
        upstreamFault(
          upstream({ kind: 'rate_limit', message: 'Rate limit for org-abc', upstreamType: 'rate_limit_error' }),
        ),
        429,
        null,
      ],
    ])('%s', (_label, error, status, code) => {
      const client = fromGatewaySide(error);
      expect(client.status).toBe(status);
      expect(client.code).toBe(code);
      expect(client.message).not.toMatch(/sk-|org-|proj_|12345|Incorrect|Insufficient Balance|exceeded your/);
      expect(client.retryAfterMs).toBe(error.retryAfterMs);
      expect(client.upstreamStatus).toBe(error.upstreamStatus);
      expect(client.cause).toBe(error);
    });

    it('leaves the vendor’s words about the client’s own request, and AIHub’s own rate limits', () => {
      const tooLong = new GatewayError({
        kind: 'invalid_request',
        message: 'prompt is too long: 250000 tokens > 200000 maximum',
        upstreamStatus: 400,
      });
      expect(fromGatewaySide(tooLong)).toBe(tooLong);
      const ownLimit = new GatewayError({
        kind: 'rate_limit',
        message: 'Rate limit of this API key: 60 requests per minute.',
      });
      expect(fromGatewaySide(ownLimit)).toBe(ownLimit);
    });
  });
});
