import { describe, expect, it } from 'vitest';
import { cacheDirective } from './cache-directive.js';
import { DEFAULT_CACHE_POLICY } from './response-cache.js';

const caller = { userId: 'usr_1', keyId: 'key_1' };
const policy = { ...DEFAULT_CACHE_POLICY, maxTtlSeconds: 3600 };
const optedIn = { ...policy, callerTtlSeconds: () => 120 };

describe('cacheDirective', () => {
  it('is off unless the request or the caller opts in', () => {
    expect(cacheDirective({}, caller, policy)).toEqual({ use: false });
    expect(cacheDirective({}, caller, optedIn)).toEqual({ use: true, read: true, ttlSeconds: 120 });
  });

  it('reads the request headers', () => {
    expect(cacheDirective({ 'x-aihub-cache': 'on' }, caller, policy)).toEqual({
      use: true,
      read: true,
      ttlSeconds: 300,
    });
    expect(cacheDirective({ 'x-aihub-cache': 'ttl=600' }, caller, policy)).toEqual({
      use: true,
      read: true,
      ttlSeconds: 600,
    });
    expect(cacheDirective({ 'x-aihub-cache-ttl': '45' }, caller, policy)).toEqual({
      use: true,
      read: true,
      ttlSeconds: 45,
    });
    expect(cacheDirective({ 'x-aihub-cache': 'Refresh, TTL=60' }, caller, policy)).toEqual({
      use: true,
      read: false,
      ttlSeconds: 60,
    });
    expect(cacheDirective({ 'x-aihub-cache': ['on', 'off'] }, caller, policy)).toEqual({
      use: true,
      read: true,
      ttlSeconds: 300,
    });
  });

  it('lets a request opt out of its caller default', () => {
    for (const value of ['off', 'no-store', 'bypass', 'false', '0', 'ttl=0']) {
      expect(cacheDirective({ 'x-aihub-cache': value }, caller, optedIn)).toEqual({ use: false });
    }
    expect(cacheDirective({ 'x-aihub-cache-ttl': '0' }, caller, optedIn)).toEqual({ use: false });
  });

  it('caps the TTL and ignores malformed values', () => {
    expect(cacheDirective({ 'x-aihub-cache-ttl': '999999' }, caller, policy)).toEqual({
      use: true,
      read: true,
      ttlSeconds: 3600,
    });
    expect(cacheDirective({ 'x-aihub-cache-ttl': '-5' }, caller, policy)).toEqual({ use: false });
    expect(cacheDirective({ 'x-aihub-cache': 'ttl=abc' }, caller, optedIn)).toEqual({
      use: true,
      read: true,
      ttlSeconds: 120,
    });
  });
});
