import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { expect, it, vi } from 'vitest';
import { describeEachDialect, type TestStore } from '../../test/db-harness.js';
import { openStore } from '../store/database.js';
import { BOOTSTRAP_KEY_ID, KeyCache } from './key-cache.js';
import { accountServices, actorFor } from './test-fixtures.js';
import { BOOTSTRAP_ADMIN_ID } from './user-record.js';

/** A second connection to the same database, so a cache can be cut off from it. */
function openSecondStore(test: TestStore) {
  return openStore({ url: test.url, dataDir: tmpdir(), ...(test.schema ? { schema: test.schema } : {}), poolSize: 2 });
}

describeEachDialect('KeyCache', (store) => {
  const t = 1_000_000;
  const now = () => t;

  async function userWithKey(
    email: string,
    input: Parameters<ReturnType<typeof accountServices>['keys']['create']>[1],
  ) {
    const services = accountServices(store(), now);
    const { user } = await services.users.register(email, 'password-1');
    const created = await services.keys.create(actorFor(user), input);
    return { ...services, user, actor: actorFor(user), ...created };
  }

  it('authenticates from memory only: works with its database connection closed', async () => {
    const { user, key: good } = await userWithKey('mem@example.com', { name: 'k', quota: 42 });
    const { key: disabled, record: disabledRecord, keys, actor } = await userWithKey('mem2@example.com', { name: 'd' });
    await keys.update(actor, disabledRecord.id, { status: 'disabled' });
    const second = await openSecondStore(store());
    const cache = new KeyCache(second, { now });
    await cache.load();
    // Every query of this store goes through its executor: count them, and cut the connection too.
    const executeQuery = vi.spyOn(second.db.getExecutor(), 'executeQuery');
    await second.close();
    await expect(second.db.selectFrom('users').select('id').execute()).rejects.toThrow(/destroyed/);
    executeQuery.mockClear();
    for (let i = 0; i < 100; i++) {
      const auth = cache.authenticate(good);
      expect(auth.principal).toEqual({
        userId: user.id,
        role: 'user',
        group: 'default',
        via: 'api-key',
        keyId: auth.keyId,
      });
      expect(auth).toMatchObject({
        userId: user.id,
        quota: 42,
        unmetered: false,
        keyStatus: 'enabled',
        userStatus: 'active',
      });
    }
    expect(() => cache.authenticate(disabled)).toThrow(
      expect.objectContaining({ status: 401, code: 'api_key_disabled' }),
    );
    expect(() => cache.authenticate('sk-unknown')).toThrow(
      expect.objectContaining({ status: 401, code: 'invalid_api_key' }),
    );
    expect(() => cache.authenticate(undefined)).toThrow(
      expect.objectContaining({ status: 401, code: 'missing_api_key' }),
    );
    expect(cache.lastUsedAt(cache.authenticate(good).keyId)).toBe(t);
    await new Promise((resolve) => setTimeout(resolve, 10)); // let any stray async query start
    expect(executeQuery).not.toHaveBeenCalled();
  });

  it('sees create, update, delete and user changes made through the services at once', async () => {
    const { cache, keys, users, user, actor, key, record } = await userWithKey('live@example.com', { name: 'k' });
    await cache.load();
    expect(cache.authenticate(key).keyId).toBe(record.id);
    const fresh = await keys.create(actor, { name: 'new' });
    expect(cache.authenticate(fresh.key).keyId).toBe(fresh.record.id);
    await keys.update(actor, record.id, { status: 'disabled' });
    expect(() => cache.authenticate(key)).toThrow(expect.objectContaining({ code: 'api_key_disabled' }));
    await keys.update(actor, record.id, { status: 'enabled', allowedModels: ['gpt-*'] });
    expect(cache.authenticate(key).allowsModel('gpt-4o')).toBe(true);
    expect(cache.authenticate(key).allowsModel('claude-3')).toBe(false);
    await users.update(user.id, { role: 'admin', group: 'vip' });
    expect(cache.authenticate(key).principal).toMatchObject({ role: 'admin', group: 'vip' });
    await users.update(user.id, { status: 'disabled' });
    expect(() => cache.authenticate(key)).toThrow(expect.objectContaining({ status: 403, code: 'account_disabled' }));
    await users.update(user.id, { status: 'active' });
    await keys.delete(actor, record.id);
    expect(() => cache.authenticate(key)).toThrow(expect.objectContaining({ status: 401, code: 'invalid_api_key' }));
    expect(cache.authenticate(fresh.key).userStatus).toBe('active');
  });

  it('carries the key’s and the owner’s rate limits, and follows changes to either', async () => {
    const {
      key,
      record,
      keys,
      users,
      user,
      actor,
      cache: keyCache,
    } = await userWithKey('limits@example.com', {
      name: 'k',
      rpmLimit: 60,
    });
    expect(keyCache.authenticate(key).keyLimits).toEqual({ rpm: 60, tpm: null, concurrency: null });
    await keys.update(actor, record.id, { tpmLimit: 10_000, concurrencyLimit: 2 });
    expect(keyCache.authenticate(key).keyLimits).toEqual({ rpm: 60, tpm: 10_000, concurrency: 2 });
    await users.update(user.id, { rpmLimit: 500 });
    expect(keyCache.authenticate(key).userLimits).toEqual({ rpm: 500, tpm: null, concurrency: null });
  });

  it('rejects an expired key from its expiry instant on', async () => {
    const { cache, key } = await userWithKey('exp@example.com', { name: 'k', expiresAt: t + 1_000 });
    expect(cache.authenticate(key, t + 999).expiresAt).toBe(t + 1_000);
    expect(() => cache.authenticate(key, t + 1_000)).toThrow(
      expect.objectContaining({ status: 401, code: 'api_key_expired' }),
    );
  });

  it('authorizes models by glob and addresses by IP or CIDR, with 403s', async () => {
    const { cache, key } = await userWithKey('rules@example.com', {
      name: 'k',
      allowedModels: ['gpt-4o', 'claude-*'],
      allowedIps: ['203.0.113.0/24', '::1'],
    });
    const auth = cache.authenticate(key);
    expect(() => cache.authorize(auth, 'claude-3-haiku', '203.0.113.9')).not.toThrow();
    expect(() => cache.authorize(auth, 'gpt-4o', '::ffff:203.0.113.200')).not.toThrow();
    expect(() => cache.authorize(auth, undefined, '::1')).not.toThrow();
    expect(() => cache.authorize(auth, 'gpt-4o-mini', '::1')).toThrow(
      expect.objectContaining({ status: 403, code: 'model_not_allowed', param: 'model' }),
    );
    expect(() => cache.authorize(auth, 'gpt-4o', '198.51.100.1')).toThrow(
      expect.objectContaining({ status: 403, code: 'ip_not_allowed' }),
    );
    expect(() => cache.authorize(auth, 'gpt-4o', undefined)).toThrow(
      expect.objectContaining({ code: 'ip_not_allowed' }),
    );
  });

  it('registers the bootstrap admin key as an unmetered admin key that survives reloads', async () => {
    const { cache, users } = accountServices(store(), now);
    await users.ensureBootstrapAdmin();
    const adminKey = 'sk-aihub-admin-test';
    cache.addBootstrapKey(createHash('sha256').update(adminKey).digest());
    const auth = cache.authenticate(adminKey);
    expect(auth).toMatchObject({ keyId: BOOTSTRAP_KEY_ID, userId: BOOTSTRAP_ADMIN_ID, unmetered: true, quota: null });
    expect(auth.principal).toMatchObject({ role: 'admin', via: 'api-key' });
    expect(auth.allowsModel('anything/at-all')).toBe(true);
    expect(auth.allowsIp('198.51.100.1')).toBe(true);
    await cache.load();
    await cache.reloadKey(BOOTSTRAP_KEY_ID);
    await cache.invalidateUser(BOOTSTRAP_ADMIN_ID);
    expect(cache.authenticate(adminKey).unmetered).toBe(true);
    // One admin key at a time: registering another replaces it.
    cache.addBootstrapKey(createHash('sha256').update('sk-rotated').digest());
    expect(cache.authenticate('sk-rotated').keyId).toBe(BOOTSTRAP_KEY_ID);
    expect(() => cache.authenticate(adminKey)).toThrow(expect.objectContaining({ code: 'invalid_api_key' }));
    // Hex works too (the form admin-key.sha256 stores).
    const hexCache = new KeyCache(store(), { now });
    hexCache.addBootstrapKey(createHash('sha256').update(adminKey).digest('hex').toUpperCase());
    expect(hexCache.authenticate(adminKey).keyId).toBe(BOOTSTRAP_KEY_ID);
  });

  it('tells listeners about local changes but does not echo remote ones', async () => {
    const { cache, keys, actor, record, user } = await userWithKey('events@example.com', { name: 'k' });
    const listener = vi.fn();
    cache.onChange(listener);
    await keys.update(actor, record.id, { name: 'x' });
    expect(listener).toHaveBeenCalledWith({ kind: 'key', keyId: record.id });
    await cache.invalidateUser(user.id);
    expect(listener).toHaveBeenCalledWith({ kind: 'user', userId: user.id });
    listener.mockClear();
    await cache.reloadKey(record.id, { fromRemote: true });
    await cache.invalidateUser(user.id, { fromRemote: true });
    expect(listener).not.toHaveBeenCalled();
  });

  it('picks up another replica’s change when told to reload it', async () => {
    const { keys, actor, key, record } = await userWithKey('replica@example.com', { name: 'k' });
    const other = new KeyCache(store(), { now });
    await other.load();
    expect(other.authenticate(key).keyId).toBe(record.id);
    await keys.update(actor, record.id, { status: 'disabled' });
    expect(other.authenticate(key).keyStatus).toBe('enabled'); // stale until told
    await other.reloadKey(record.id, { fromRemote: true });
    expect(() => other.authenticate(key)).toThrow(expect.objectContaining({ code: 'api_key_disabled' }));
  });

  it('records last use in memory and writes it in one batch on flush', async () => {
    const { cache, keys, actor, key, record } = await userWithKey('used@example.com', { name: 'k' });
    const second = await keys.create(actor, { name: 'k2' });
    const lastUsed = async (id: string) =>
      (await store().db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow())
        .last_used_at;
    cache.authenticate(key, t + 5);
    cache.authenticate(second.key, t + 6);
    cache.authenticate(key, t + 7);
    expect(await lastUsed(record.id)).toBeNull();
    expect((await keys.get(actor, record.id)).lastUsedAt).toBe(t + 7); // merged from memory
    await cache.flushLastUsed();
    expect(Number(await lastUsed(record.id))).toBe(t + 7);
    expect(Number(await lastUsed(second.record.id))).toBe(t + 6);
    await cache.close();
  });
});
