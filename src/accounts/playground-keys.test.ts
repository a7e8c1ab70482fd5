import { afterAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { SettingsService } from '../platform/settings.js';
import { type AccountServices, createAccountServices } from './account-services.js';
import { hashApiKey } from './api-key-format.js';
import { KeyCache } from './key-cache.js';
import { PLAYGROUND_KEY_RENEW_BEFORE_MS, PLAYGROUND_KEY_TTL_MS } from './playground-keys.js';
import { SessionService } from './session-service.js';
import { actorFor } from './test-fixtures.js';

const HOUR = 60 * 60_000;

describeEachDialect('PlaygroundKeys', (store) => {
  let t = 1_700_000_000_000;
  const now = () => t;
  let services: AccountServices | undefined;
  afterAll(() => services?.close());

  async function setup(email: string) {
    services ??= await createAccountServices({ store: store(), settings: new SettingsService(store(), now), now });
    const { user } = await services.users.register(email, 'password-1');
    const session = await services.sessions.create(user.id, null, null);
    return { ...services, user, actor: actorFor(user), session };
  }

  it('issues a key of kind playground owned by the user: no quota, every model, 12 h at most', async () => {
    const { playground, keyCache, user, session } = await setup('issue@example.com');
    const credential = await playground.issue(session.token);
    expect(credential.key).toMatch(/^sk-[0-9A-Za-z]{48}$/);
    expect(credential.expiresAt).toBe(t + PLAYGROUND_KEY_TTL_MS);
    const row = await store()
      .db.selectFrom('api_keys')
      .selectAll()
      .where('id', '=', credential.keyId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      user_id: user.id,
      kind: 'playground',
      session_id: SessionService.idFor(session.token),
      key_hash: hashApiKey(credential.key),
      quota: null,
      allowed_models: null,
      allowed_ips: null,
    });
    // Only the hash is stored, like any key.
    expect(JSON.stringify(row)).not.toContain(credential.key.slice(3));
    const auth = keyCache.authenticate(credential.key);
    expect(auth).toMatchObject({ kind: 'playground', userId: user.id, quota: null, unmetered: false });
    expect(auth.allowsModel('any-model')).toBe(true);
  });

  it('hands out the same key while it has time left (every tab, every replica), then a new one', async () => {
    const { playground, keyCache, session } = await setup('reuse@example.com');
    const first = await playground.issue(session.token);
    t += HOUR;
    expect(await playground.issue(session.token)).toEqual(first);
    // A replica with its own cache derives the same key from the same session.
    const otherReplica = new KeyCache(store(), { now });
    await otherReplica.load();
    expect(otherReplica.authenticate(first.key).keyId).toBe(first.keyId);

    t = first.expiresAt - PLAYGROUND_KEY_RENEW_BEFORE_MS + 1;
    const renewed = await playground.issue(session.token);
    expect(renewed.key).not.toBe(first.key);
    expect(renewed.expiresAt).toBe(t + PLAYGROUND_KEY_TTL_MS);
    expect(() => keyCache.authenticate(first.key)).toThrow(expect.objectContaining({ code: 'invalid_api_key' }));
    expect(keyCache.authenticate(renewed.key).keyId).toBe(renewed.keyId);
    const rows = await store()
      .db.selectFrom('api_keys')
      .select('id')
      .where('session_id', '=', SessionService.idFor(session.token))
      .execute();
    expect(rows).toEqual([{ id: renewed.keyId }]);
  });

  it('gives two sessions of one user two keys, and concurrent requests of one session one key', async () => {
    const { playground, sessions, user, session } = await setup('tabs@example.com');
    const other = await sessions.create(user.id, null, null);
    const [a, b, c] = await Promise.all([
      playground.issue(session.token),
      playground.issue(session.token),
      playground.issue(other.token),
    ]);
    expect(b.key).toBe(a.key);
    expect(c.key).not.toBe(a.key);
  });

  it('expires with time: the cache refuses it with a 401 api_key_expired', async () => {
    const { playground, keyCache, session } = await setup('expire@example.com');
    const credential = await playground.issue(session.token);
    t = credential.expiresAt;
    expect(() => keyCache.authenticate(credential.key)).toThrow(
      expect.objectContaining({ status: 401, code: 'api_key_expired' }),
    );
    expect(await playground.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(() => keyCache.authenticate(credential.key)).toThrow(expect.objectContaining({ code: 'invalid_api_key' }));
  });

  it('never outlives its session, and a gone session gets a 401', async () => {
    const { playground, sessions, session } = await setup('session-end@example.com');
    t += 7 * 24 * HOUR - 2 * HOUR; // the session (7 days, untouched) has two hours left
    const credential = await playground.issue(session.token);
    expect(credential.expiresAt).toBe(session.expiresAt);
    // It already runs to the session's end: asking again inside the renewal window returns it.
    t = session.expiresAt - 60_000;
    expect((await playground.issue(session.token)).key).toBe(credential.key);
    await sessions.revoke(session.token);
    await expect(playground.issue(session.token)).rejects.toMatchObject({ status: 401, code: 'session_expired' });
    await expect(playground.issue('not-a-session')).rejects.toMatchObject({ status: 401 });
  });

  it('is revoked at logout, with every session of the user, and on a password change', async () => {
    const { playground, sessions, users, keyCache, user, session } = await setup('revoke@example.com');
    const second = await sessions.create(user.id, null, null);
    const third = await sessions.create(user.id, null, null);
    const keys = await Promise.all([session, second, third].map((s) => playground.issue(s.token)));
    const refused = (key: string) => () => keyCache.authenticate(key);

    await sessions.revoke(session.token);
    expect(refused(keys[0]!.key)).toThrow(expect.objectContaining({ status: 401 }));
    expect(keyCache.authenticate(keys[1]!.key).userId).toBe(user.id);

    await sessions.revokeAllForUser(user.id, third.sessionId);
    expect(refused(keys[1]!.key)).toThrow(expect.objectContaining({ status: 401 }));
    expect(keyCache.authenticate(keys[2]!.key).userId).toBe(user.id);

    // The password change keeps the session that made it, but not its playground key.
    await users.changePassword(user.id, 'password-1', 'password-2', third.sessionId);
    expect(refused(keys[2]!.key)).toThrow(expect.objectContaining({ status: 401 }));
    const fresh = await playground.issue(third.token);
    expect(keyCache.authenticate(fresh.key).kind).toBe('playground');
    const left = await store().db.selectFrom('api_keys').select('id').where('user_id', '=', user.id).execute();
    expect(left).toEqual([{ id: fresh.keyId }]);
  });

  it('is invisible to key management: not listed, 404 by id, not counted against the key limit', async () => {
    const { playground, keys, actor, session } = await setup('hidden@example.com');
    const { record } = await keys.create(actor, { name: 'mine' });
    const credential = await playground.issue(session.token);
    const listed = await keys.list(actor);
    expect(listed).toEqual({ data: [expect.objectContaining({ id: record.id })], total: 1 });
    for (const attempt of [
      () => keys.get(actor, credential.keyId),
      () => keys.update(actor, credential.keyId, { quota: 1 }),
      () => keys.delete(actor, credential.keyId),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ status: 404, code: 'key_not_found' });
    }
  });
});
