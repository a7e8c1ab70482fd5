import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { FAMILIAR_ADDRESS_DAYS, LoginSecurityStore } from './login-security-store.js';

const DAY = 86_400_000;

describeEachDialect('LoginSecurityStore', (store) => {
  let t = 1_700_000_000_000;
  let ids = 0;
  let security: LoginSecurityStore;

  beforeAll(async () => {
    security = new LoginSecurityStore(store(), { now: () => t, newId: (prefix) => `${prefix}_${++ids}` });
    for (const [id, email] of [
      ['usr_a', 'a@example.com'],
      ['usr_b', 'b@example.com'],
    ]) {
      await store()
        .db.insertInto('users')
        .values({
          id: id as string,
          email: email as string,
          password_hash: null,
          display_name: null,
          role: 'user',
          group_name: 'default',
          status: 'active',
          balance: 0,
          reserved: 0,
          created_at: t,
          updated_at: t,
        })
        .execute();
    }
  });

  it('an address becomes familiar to one account by a successful sign-in, for 90 days', async () => {
    expect(await security.isFamiliar('a@example.com', '192.0.2.1')).toBe(false);
    await security.rememberSignIn('usr_a', '192.0.2.1');
    await security.rememberSignIn('usr_a', '192.0.2.1'); // again: updated, not duplicated
    expect(await security.isFamiliar(' A@Example.com', '192.0.2.1')).toBe(true);
    expect(await security.isFamiliar('b@example.com', '192.0.2.1')).toBe(false);
    expect(await security.isFamiliar('nobody@example.com', '192.0.2.1')).toBe(false);
    t += FAMILIAR_ADDRESS_DAYS * DAY;
    expect(await security.isFamiliar('a@example.com', '192.0.2.1')).toBe(false);
    // The next sign-in forgets addresses unused for 90 days.
    await security.rememberSignIn('usr_a', '192.0.2.2');
    const rows = await store()
      .db.selectFrom('login_addresses')
      .select('address')
      .where('user_id', '=', 'usr_a')
      .execute();
    expect(rows.map((row) => row.address)).toEqual(['192.0.2.2']);
  });

  it('records a pause for an existing account only, and keeps it until the owner acknowledges it', async () => {
    await security.recordLockout('nobody@example.com', t + 900_000, 10);
    await security.recordLockout('B@example.com', t + 900_000, 10);
    t += 1000;
    await security.recordLockout('b@example.com', t + 900_000, 10);
    const notices = await security.unacknowledged('usr_b');
    expect(notices).toHaveLength(2);
    expect(notices[0]).toEqual({ id: expect.any(String), startedAt: t, endsAt: t + 900_000, failedAttempts: 10 });
    expect(notices[0]!.startedAt).toBeGreaterThan(notices[1]!.startedAt);
    expect(await security.unacknowledged('usr_a')).toEqual([]);
    await security.acknowledge('usr_b');
    expect(await security.unacknowledged('usr_b')).toEqual([]);
    const total = await store().db.selectFrom('login_lockouts').select('id').execute();
    expect(total).toHaveLength(2);
  });
});
