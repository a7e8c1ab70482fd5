import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { newId } from '../platform/ids.js';
import { SettingsService } from '../platform/settings.js';
import { SESSION_TTL_MS, SessionService } from './session-service.js';
import { UserService } from './user-service.js';

const MINUTE = 60_000;

describeEachDialect('SessionService', (store) => {
  let t = 1_000_000;
  const now = () => t;
  const setup = async (email: string) => {
    const users = new UserService(store(), new SettingsService(store(), now), { now, newId });
    const sessions = new SessionService(store(), { now });
    users.onChange(({ userId }) => sessions.forgetUser(userId));
    const { user } = await users.register(email, 'password-1');
    return { users, sessions, user };
  };

  it('stores only the SHA-256 of the token and verifies the token', async () => {
    const { sessions, user } = await setup('s1@example.com');
    const created = await sessions.create(user.id, '10.0.0.1', 'vitest');
    expect(created.token.length).toBeGreaterThanOrEqual(43);
    expect(created.csrfToken.length).toBeGreaterThanOrEqual(43);
    expect(created.expiresAt).toBe(t + SESSION_TTL_MS);
    const rows = await store().db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(SessionService.idFor(created.token));
    expect(rows[0]!.id).not.toContain(created.token);
    const verified = await sessions.verify(created.token);
    expect(verified?.user.id).toBe(user.id);
    expect(verified?.session.csrfToken).toBe(created.csrfToken);
    expect(await sessions.verify(`${created.token}x`)).toBeUndefined();
    expect(await sessions.verify('')).toBeUndefined();
  });

  it('stores only a hash of the CSRF token, never the token, and derives the same token again', async () => {
    const { sessions, user } = await setup('csrf@example.com');
    const created = await sessions.create(user.id, null, null);
    const row = await store()
      .db.selectFrom('sessions')
      .selectAll()
      .where('id', '=', created.sessionId)
      .executeTakeFirst();
    expect(Object.values(row ?? {}).map(String)).not.toContain(created.csrfToken);
    expect(JSON.stringify(row)).not.toContain(created.csrfToken);
    expect(row?.csrf_token_hash).toBe(createHash('sha256').update(created.csrfToken).digest('hex'));
    // A new service (another replica, or after a restart) derives the same token from the cookie.
    const elsewhere = new SessionService(store(), { now });
    expect((await elsewhere.verify(created.token))?.session.csrfToken).toBe(created.csrfToken);
  });

  it('does not verify a session whose stored CSRF hash is not that of the cookie’s token', async () => {
    const { sessions, user } = await setup('csrf-row@example.com');
    const created = await sessions.create(user.id, null, null);
    await store()
      .db.updateTable('sessions')
      .set({ csrf_token_hash: createHash('sha256').update('a random token of the old scheme').digest('hex') })
      .where('id', '=', created.sessionId)
      .execute();
    expect(await new SessionService(store(), { now }).verify(created.token)).toBeUndefined();
  });

  it('slides the expiry on use, at most once a minute, and expires an idle session', async () => {
    const { sessions, user } = await setup('s2@example.com');
    const created = await sessions.create(user.id, null, null);
    const stored = async () =>
      store().db.selectFrom('sessions').selectAll().where('id', '=', created.sessionId).executeTakeFirstOrThrow();
    t += 30_000;
    await sessions.verify(created.token);
    expect(Number((await stored()).last_seen_at)).toBe(t - 30_000); // not yet a minute: no write
    t += 31_000;
    await sessions.verify(created.token);
    expect(Number((await stored()).last_seen_at)).toBe(t);
    expect(Number((await stored()).expires_at)).toBe(t + SESSION_TTL_MS);
    t += SESSION_TTL_MS - MINUTE; // still inside the slid window
    expect(await sessions.verify(created.token)).toBeDefined();
    t += SESSION_TTL_MS + 1;
    expect(await sessions.verify(created.token)).toBeUndefined();
    expect(await store().db.selectFrom('sessions').select('id').where('id', '=', created.sessionId).execute()).toEqual(
      [],
    );
  });

  it('revokes one session, or all of a user but one', async () => {
    const { sessions, user } = await setup('s3@example.com');
    const a = await sessions.create(user.id, null, null);
    const b = await sessions.create(user.id, null, null);
    const c = await sessions.create(user.id, null, null);
    for (const s of [a, b, c]) expect(await sessions.verify(s.token)).toBeDefined();
    await sessions.revoke(a.token);
    expect(await sessions.verify(a.token)).toBeUndefined();
    await sessions.revokeAllForUser(user.id, c.sessionId);
    expect(await sessions.verify(b.token)).toBeUndefined();
    expect(await sessions.verify(c.token)).toBeDefined();
  });

  it('does not verify sessions of a disabled user, even from the cache', async () => {
    const { users, sessions, user } = await setup('s4@example.com');
    const created = await sessions.create(user.id, null, null);
    expect(await sessions.verify(created.token)).toBeDefined();
    await users.update(user.id, { status: 'disabled' });
    expect(await sessions.verify(created.token)).toBeUndefined();
    await users.update(user.id, { status: 'active' });
    expect(await sessions.verify(created.token)).toBeDefined();
  });

  it('serves a verified session from memory within the cache TTL', async () => {
    const { sessions, user } = await setup('s5@example.com');
    const created = await sessions.create(user.id, null, null);
    expect(await sessions.verify(created.token)).toBeDefined();
    // Deleted behind the service's back: the cached entry still answers until its TTL passes.
    await store().db.deleteFrom('sessions').where('id', '=', created.sessionId).execute();
    t += 10_000;
    expect(await sessions.verify(created.token)).toBeDefined();
    t += 30_000;
    expect(await sessions.verify(created.token)).toBeUndefined();
  });

  it('purges expired sessions', async () => {
    const { sessions, user } = await setup('s6@example.com');
    await sessions.create(user.id, null, null);
    t += SESSION_TTL_MS;
    expect(await sessions.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await store().db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });
});
