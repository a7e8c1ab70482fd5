import { describe, expect, it } from 'vitest';
import { trustedPeer } from './trusted-proxy.js';

describe('trustedPeer', () => {
  it('trusts no one when unset or false', () => {
    for (const setting of [undefined, false, 0] as const) expect(trustedPeer(setting)('127.0.0.1')).toBe(false);
  });

  it('trusts every direct peer for `true` or a hop count (the nearest hop is the proxy)', () => {
    expect(trustedPeer(true)('203.0.113.9')).toBe(true);
    expect(trustedPeer(2)('203.0.113.9')).toBe(true);
  });

  it.each([
    ['loopback', '127.0.0.1', true],
    ['loopback', '127.9.9.9', true],
    ['loopback', '::1', true],
    ['loopback', '::ffff:127.0.0.1', true],
    ['loopback', '10.0.0.1', false],
    ['uniquelocal', '10.1.2.3', true],
    ['uniquelocal', '172.31.0.1', true],
    ['uniquelocal', '172.32.0.1', false],
    ['uniquelocal', 'fd00::1', true],
    ['linklocal', '169.254.1.1', true],
    ['10.0.0.0/8, 192.168.1.5', '10.200.0.1', true],
    ['10.0.0.0/8, 192.168.1.5', '192.168.1.5', true],
    ['10.0.0.0/8, 192.168.1.5', '192.168.1.6', false],
    ['10.0.0.0/8', '::ffff:10.0.0.7', true],
    ['::ffff:10.0.0.0/104', '10.3.4.5', true],
    ['2001:db8::/32', '2001:db8:1::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['loopback', 'not an address', false],
  ])('%s: %s → %s', (setting, address, expected) => {
    expect(trustedPeer(setting)(address)).toBe(expected);
  });

  it('refuses a setting it cannot read rather than trusting no one silently', () => {
    expect(() => trustedPeer('loopbak')).toThrow(/loopbak/);
  });
});
