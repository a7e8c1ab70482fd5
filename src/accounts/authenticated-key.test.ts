import { describe, expect, it } from 'vitest';
import { buildAuthenticatedKey, type CachedKeyData, type CachedUserData } from './authenticated-key.js';

const NO_LIMITS = { rpm: null, tpm: null, concurrency: null };

const key: CachedKeyData = {
  id: 'key_1',
  kind: 'playground',
  userId: 'usr_1',
  hash: 'h',
  status: 'enabled',
  expiresAt: null,
  quota: null,
  allowedModels: null,
  allowedIps: null,
  unmetered: false,
  limits: NO_LIMITS,
  group: null,
};
const user: CachedUserData = { role: 'user', group: 'default', status: 'active', limits: NO_LIMITS };

describe('buildAuthenticatedKey', () => {
  it('leaves an administrator’s playground unmetered, so a zero balance never blocks their own tests', () => {
    expect(buildAuthenticatedKey(key, { ...user, role: 'admin' }).unmetered).toBe(true);
  });

  it('meters a user’s playground, and an administrator’s ordinary keys', () => {
    expect(buildAuthenticatedKey(key, user).unmetered).toBe(false);
    expect(buildAuthenticatedKey({ ...key, kind: 'standard' }, { ...user, role: 'admin' }).unmetered).toBe(false);
  });
});
