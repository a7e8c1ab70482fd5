import { expect, it } from 'vitest';
import { AddressLimiter } from './address-limiter.js';
import { attemptCounters } from './attempt-counter.js';
import { RateLimitError } from './rate-limit-error.js';

const limiter = () =>
  new AddressLimiter(attemptCounters({ keyPrefix: 'address-test' }), { points: 2, durationSeconds: 60 });

async function refusal(promise: Promise<void>): Promise<RateLimitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RateLimitError);
  return error as RateLimitError;
}

it('counts per endpoint and address, then refuses with a 429 that says when to come back', async () => {
  const limits = limiter();
  await limits.admit('POST /api/auth/login', '203.0.113.1');
  await limits.admit('POST /api/auth/login', '203.0.113.1');
  const error = await refusal(limits.admit('POST /api/auth/login', '203.0.113.1'));
  expect(error.status).toBe(429);
  expect(error.code).toBe('too_many_requests_from_address');
  expect(error.message).toMatch(
    // A whole window left reads `1m0s`; a moment later `59.998s`.
    /^Too many requests to this page from your address\. Please try again in (1m0s|\d+(\.\d+)?s)\.$/,
  );
  expect(Number(error.headers['retry-after'])).toBeGreaterThan(55);
  await limits.admit('POST /api/auth/register', '203.0.113.1');
  await limits.admit('POST /api/auth/login', '203.0.113.2');
});

it('counts an IPv6 client by its /64, so rotating addresses inside it does not help', async () => {
  const limits = limiter();
  await limits.admit('GET /api/auth/oauth/:provider/start', '2001:db8:1:2::1');
  await limits.admit('GET /api/auth/oauth/:provider/start', '2001:db8:1:2::2');
  await refusal(limits.admit('GET /api/auth/oauth/:provider/start', '2001:db8:1:2:ffff::3'));
  await limits.admit('GET /api/auth/oauth/:provider/start', '2001:db8:1:3::1');
});
