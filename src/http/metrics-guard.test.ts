import { describe, expect, it } from 'vitest';
import { metricsGuard } from './metrics-guard.js';

const scrape = (peerAddress: string, options: { authorization?: string; forwardedAddress?: string } = {}) => ({
  authorization: options.authorization,
  peerAddress,
  forwardedAddress: options.forwardedAddress ?? peerAddress,
});

describe('metricsGuard', () => {
  it('lets only loopback scrape when the operator set nothing', () => {
    const guard = metricsGuard({}, false);
    expect(guard(scrape('127.0.0.1'))).toBeUndefined();
    expect(guard(scrape('::1'))).toBeUndefined();
    expect(guard(scrape('::ffff:127.0.0.1'))).toBeUndefined();
    expect(guard(scrape('10.0.0.5'))).toBe('address');
    expect(guard(scrape('203.0.113.7'))).toBe('address');
  });

  it('with a token, wants exactly that bearer token, from any address', () => {
    const guard = metricsGuard({ token: 's3cret-scrape' }, false);
    expect(guard(scrape('203.0.113.7', { authorization: 'Bearer s3cret-scrape' }))).toBeUndefined();
    expect(guard(scrape('203.0.113.7', { authorization: 'bearer s3cret-scrape' }))).toBeUndefined();
    expect(guard(scrape('127.0.0.1'))).toBe('token');
    expect(guard(scrape('127.0.0.1', { authorization: 'Bearer s3cret-scrap' }))).toBe('token');
    expect(guard(scrape('127.0.0.1', { authorization: 'Bearer s3cret-scrape-and-more' }))).toBe('token');
    expect(guard(scrape('127.0.0.1', { authorization: 'Basic s3cret-scrape' }))).toBe('token');
  });

  it('with an allow-list, lets in its addresses and ranges only', () => {
    const guard = metricsGuard({ allow: '10.0.0.0/8, 192.168.1.5, loopback' }, false);
    expect(guard(scrape('10.20.30.40'))).toBeUndefined();
    expect(guard(scrape('192.168.1.5'))).toBeUndefined();
    expect(guard(scrape('127.0.0.1'))).toBeUndefined();
    expect(guard(scrape('192.168.1.6'))).toBe('address');
  });

  it('with both, wants both', () => {
    const guard = metricsGuard({ token: 't', allow: '10.0.0.0/8' }, false);
    expect(guard(scrape('10.0.0.1', { authorization: 'Bearer t' }))).toBeUndefined();
    expect(guard(scrape('10.0.0.1'))).toBe('token');
    expect(guard(scrape('203.0.113.7', { authorization: 'Bearer t' }))).toBe('address');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    // Fastify resolved the forwarded address from the header; the guard does not believe it.
    const guard = metricsGuard({ allow: '10.0.0.0/8' }, false);
    expect(guard(scrape('203.0.113.7', { forwardedAddress: '10.0.0.1' }))).toBe('address');
    const defaults = metricsGuard({}, 'uniquelocal');
    expect(defaults(scrape('203.0.113.7', { forwardedAddress: '127.0.0.1' }))).toBe('address');
  });

  it('believes X-Forwarded-For from a trusted proxy', () => {
    const guard = metricsGuard({ allow: '10.0.0.0/8' }, 'loopback');
    expect(guard(scrape('127.0.0.1', { forwardedAddress: '10.0.0.1' }))).toBeUndefined();
    expect(guard(scrape('127.0.0.1', { forwardedAddress: '203.0.113.7' }))).toBe('address');
  });

  it('refuses to start with an allow-list entry it cannot read', () => {
    expect(() => metricsGuard({ allow: '10.0.0.0/8, lopback' }, false)).toThrow(/AIHUB_METRICS_ALLOW.*lopback/);
  });
});
