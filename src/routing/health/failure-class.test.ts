import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeAnthropicError } from '../../providers/anthropic/errors.js';
import { decodeGeminiError } from '../../providers/gemini/decode-error.js';
import { decodeOpenAIError } from '../../providers/openai/openai-error.js';
import { classifyFailure } from './failure-class.js';

const policy = { rateLimitCooldownMs: 5_000, accountCooldownMs: 60_000 };
const openai = (status: number, body: unknown, headers = {}) =>
  classifyFailure(decodeOpenAIError(status, headers, JSON.stringify(body)), policy);
const anthropic = (status: number, type: string, message: string) =>
  classifyFailure(
    decodeAnthropicError(status, {}, JSON.stringify({ type: 'error', error: { type, message } })),
    policy,
  );
const gemini = (status: number, error: unknown) =>
  classifyFailure(decodeGeminiError(status, {}, JSON.stringify({ error })), policy);

describe('classifyFailure: clear account errors disable the key (vendor bodies as sent)', () => {
  it.each([
    [
      'OpenAI invalid key',
      () =>
        openai(401, {
          error: {
            message:
              'Incorrect API key provided: sk-abc*****xyz. You can find your API key at https://platform.openai.com/account/api-keys.',
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        }),
      /Invalid API key/,
    ],
    [
      'OpenAI insufficient_quota (a 429 that does not pass)',
      () =>
        openai(429, {
          error: {
            message: 'You exceeded your current quota, please check your plan and billing details.',
            type: 'insufficient_quota',
            param: null,
            code: 'insufficient_quota',
          },
        }),
      /No credit/,
    ],
    [
      'OpenAI billing_not_active',
      () =>
        openai(429, {
          error: {
            message: 'Your account is not active, please check your billing details on our website.',
            type: 'billing_not_active',
            param: null,
            code: 'billing_not_active',
          },
        }),
      /unusable/,
    ],
    [
      'OpenAI account deactivated',
      () =>
        openai(401, {
          error: {
            message: 'Your OpenAI account has been deactivated, please check your email for more information.',
            type: 'invalid_request_error',
            code: 'account_deactivated',
            param: null,
          },
        }),
      /account unusable.*deactivated/,
    ],
    ['Anthropic invalid key', () => anthropic(401, 'authentication_error', 'invalid x-api-key'), /Invalid API key/],
    [
      'Anthropic credit balance too low (sent as a 400)',
      () =>
        anthropic(
          400,
          'invalid_request_error',
          'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
        ),
      /credit balance is too low/,
    ],
    ['Anthropic billing_error', () => anthropic(402, 'billing_error', 'Billing issue'), /No credit/],
    [
      'Gemini API_KEY_INVALID',
      () =>
        gemini(400, {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_INVALID',
              domain: 'googleapis.com',
            },
          ],
        }),
      /Invalid API key/,
    ],
    [
      'Gemini leaked key',
      () =>
        gemini(403, {
          code: 403,
          message: 'Your API key was reported as leaked. Please use another API key.',
          status: 'PERMISSION_DENIED',
        }),
      /leaked/,
    ],
    [
      'DeepSeek insufficient balance (402)',
      () =>
        openai(402, {
          error: { message: 'Insufficient Balance', type: 'unknown_error', param: null, code: 'invalid_request_error' },
        }),
      /No credit/,
    ],
    [
      'Moonshot suspended account (429 exceeded_current_quota_error)',
      () =>
        openai(429, {
          error: {
            message: 'Your account org-1<ak-2> is suspended, please check your plan and billing details',
            type: 'exceeded_current_quota_error',
          },
        }),
      /suspended/,
    ],
  ])('%s', (_name, classify, reason) => {
    const failure = classify();
    expect(failure.scope).toBe('key');
    expect(failure.countsForBreaker).toBe(false);
    expect(failure.cooldownMs).toBe(60_000);
    expect(failure.disableKey).toMatch(reason);
  });
});

describe('classifyFailure: everything else', () => {
  it('a rate limit cools the key for its retry-after (or 5 s) and tries another key', () => {
    const limited = openai(
      429,
      {
        error: {
          message: 'Rate limit reached for gpt-4o on tokens per min (TPM)',
          type: 'tokens',
          code: 'rate_limit_exceeded',
        },
      },
      { 'retry-after': '7' },
    );
    expect(limited).toEqual({ scope: 'key', countsForBreaker: false, cooldownMs: 7_000 });
    expect(openai(429, { error: { message: 'slow down' } }).cooldownMs).toBe(5_000);
  });

  it('Gemini words its rate limits like an exhausted quota: cooled for the RetryInfo delay, never disabled', () => {
    const failure = gemini(429, {
      code: 429,
      message: 'You exceeded your current quota, please check your plan and billing details.',
      status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34s' }],
    });
    expect(failure).toEqual({ scope: 'key', countsForBreaker: false, cooldownMs: 34_000 });
  });

  it('an unsupported region disables the channel, whatever the key', () => {
    const failure = openai(403, {
      error: {
        code: 'unsupported_country_region_territory',
        message: 'Country, region, or territory not supported',
        type: 'request_forbidden',
      },
    });
    expect(failure.scope).toBe('channel');
    expect(failure.disableChannel).toMatch(/Region not supported/);
    expect(
      gemini(400, {
        code: 400,
        message: 'User location is not supported for the API use.',
        status: 'FAILED_PRECONDITION',
      }).disableChannel,
    ).toBeDefined();
  });

  it.each([
    ['a 500', () => openai(500, { error: { message: 'The server had an error', type: 'server_error' } })],
    ['a 503', () => openai(503, { error: { message: 'unavailable' } })],
    ['Anthropic overloaded (529)', () => anthropic(529, 'overloaded_error', 'Overloaded')],
    [
      'a refused connection',
      () =>
        classifyFailure(
          new GatewayError({ kind: 'upstream_error', message: 'refused', code: 'upstream_connection_error' }),
        ),
    ],
    [
      'a timeout',
      () => classifyFailure(new GatewayError({ kind: 'upstream_timeout', message: 'slow', code: 'upstream_timeout' })),
    ],
    [
      'a model the upstream does not know',
      () => openai(404, { error: { message: 'no such model', code: 'model_not_found' } }),
    ],
  ])('%s is about the channel and counts for its breaker', (_name, classify) => {
    expect(classify()).toMatchObject({ scope: 'channel', countsForBreaker: true });
  });

  it('a 503 with retry-after also cools the key', () => {
    expect(openai(503, { error: { message: 'busy' } }, { 'retry-after': '3' }).cooldownMs).toBe(3_000);
  });

  it('a 403 without an account reason is about the key, counted, not disabled', () => {
    const failure = anthropic(
      403,
      'permission_error',
      'Your API key does not have permission to use the specified resource.',
    );
    expect(failure).toEqual({ scope: 'key', countsForBreaker: true });
  });

  it('the client’s own errors blame nobody', () => {
    expect(
      openai(400, { error: { message: 'bad temperature', type: 'invalid_request_error', param: 'temperature' } }),
    ).toEqual({
      scope: 'request',
      countsForBreaker: false,
    });
    expect(
      classifyFailure(new GatewayError({ kind: 'upstream_error', message: 'gone', code: 'client_closed' })).scope,
    ).toBe('cancelled');
  });
});
