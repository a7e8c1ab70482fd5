import { expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/ir/index.js';
import { decodeAnthropicResponse } from '../../../src/providers/anthropic/decode-response.js';
import { decodeAnthropicError } from '../../../src/providers/anthropic/errors.js';
import { createAnthropicStreamDecoder } from '../../../src/providers/anthropic/stream-decoder.js';
import { allAnthropicExchanges, describeWithFixtures, exchangesOf } from './fixtures.js';

const exchanges = allAnthropicExchanges();
const failures = exchanges.filter((exchange) => exchange.status >= 400);
const KIND_FOR_TYPE: Record<string, string> = {
  rate_limit_error: 'rate_limit',
  invalid_request_error: 'invalid_request',
  overloaded_error: 'overloaded',
  api_error: 'upstream_error',
};

function bodyText(exchange: (typeof exchanges)[number]): string {
  return exchange.body.kind === 'json'
    ? JSON.stringify(exchange.body.value)
    : exchange.body.kind === 'text'
      ? exchange.body.text
      : '';
}

describeWithFixtures('Anthropic error decoding against recorded error answers', () => {
  it('finds the recorded 429 and 400 answers', () => {
    expect(failures.map((exchange) => exchange.status).sort()).toEqual([400, 400, 429, 429, 429, 429]);
  });

  it.each(failures.map((exchange) => [exchange.name, exchange] as const))('%s', (_name, exchange) => {
    const recorded = (exchange.body.kind === 'json' ? exchange.body.value : {}) as {
      error: { type: string; message: string };
    };
    const error = decodeAnthropicError(exchange.status, exchange.headers, bodyText(exchange));
    expect(error.kind).toBe(KIND_FOR_TYPE[recorded.error.type]);
    expect(error.status).toBe(exchange.status);
    expect(error.message).toBe(recorded.error.message);
    expect(error.upstreamStatus).toBe(exchange.status);
    expect(error.upstreamType).toBe(recorded.error.type);
    expect(error.retryAfterMs).toBe(parseRetryAfter(exchange.headers));
    expect(error.retryable).toBe(exchange.status === 429);
  });

  it('maps the sdk-python 429 rate limit and the 400 tool_result mismatch', () => {
    const [rateLimited] = exchangesOf(
      exchanges,
      'anthropic-sdk-python/tests/lib/_parse/__inline_snapshot__/test_messages/TestAsyncParse/d743d628-16aa-4c9f-ae78-51deb578f746.json',
    );
    expect(decodeAnthropicError(429, rateLimited.headers, bodyText(rateLimited))).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryable: true,
      message: expect.stringContaining('rate limit of 20,000,000 prompt bytes per hour'),
    });
    const rejected = exchangesOf(
      exchanges,
      'anthropic-sdk-python/tests/lib/tools/__inline_snapshot__/test_runners/TestSyncRunTools/f59a9391-643b-422c-96dc-1f28bc7ea4d7.json',
    )[1];
    expect(decodeAnthropicError(400, rejected.headers, bodyText(rejected))).toMatchObject({
      kind: 'invalid_request',
      status: 400,
      retryable: false,
      message: expect.stringContaining('unexpected `tool_use_id` found in `tool_result` blocks'),
    });
  });

  it('detects a recorded error envelope served with HTTP 200', () => {
    const [rateLimited] = failures.filter((exchange) => exchange.status === 429);
    expect(() => decodeAnthropicResponse(JSON.parse(bodyText(rateLimited)))).toThrow(
      expect.objectContaining({ kind: 'rate_limit', upstreamType: 'rate_limit_error' }),
    );
  });

  it('turns the recorded envelope sent as the first stream event into one error part', () => {
    const [rateLimited] = failures.filter((exchange) => exchange.status === 429);
    const decoder = createAnthropicStreamDecoder();
    const parts = [...decoder.push({ event: 'error', data: `${bodyText(rateLimited)}   ` }), ...decoder.end()];
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'rate_limit', status: 429 }) }]);
  });
});
