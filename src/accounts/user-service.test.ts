import { expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { newId } from '../platform/ids.js';
import { SettingsService } from '../platform/settings.js';
import type { Store } from '../store/database.js';
import { hashApiKey } from './api-key-format.js';
import { SessionService } from './session-service.js';
import { BOOTSTRAP_ADMIN_ID } from './user-record.js';
import { UserService } from './user-service.js';

function services(store: Store, now = () => 1_000) {
  const settings = new SettingsService(store, now);
  const users = new UserService(store, settings, { now, newId });
  return { settings, users };
}

async function ledgerOf(store: Store, userId: string) {
  return store.db.selectFrom('ledger_entries').selectAll().where('user_id', '=', userId).execute();
}

describeEachDialect('UserService', (store) => {
  it('registers with a normalised email and credits the trial through the ledger', async () => {
    const { users } = services(store());
    const { user, trialCredit } = await users.register('  Alice@Example.COM ', 'password-1', ' Alice ');
    expect(user).toMatchObject({ email: 'alice@example.com', displayName: 'Alice', role: 'user', status: 'active' });
    expect(user.group).toBe('default');
    expect(user.hasPassword).toBe(true);
    expect(trialCredit).toBe(200_000);
    expect(user.balance).toBe(200_000);
    const ledger = await ledgerOf(store(), user.id);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      kind: 'trial',
      amount: 200_000,
      reason: 'Trial credit for new account',
      reason_code: 'trial',
      reference: user.id,
      balance_after: 200_000,
    });
    expect(ledger.reduce((sum, entry) => sum + Number(entry.amount), 0)).toBe(user.balance);
    const row = await store()
      .db.selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirst();
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('uses the configured trial credit and group, and writes no entry for a zero trial', async () => {
    const { settings, users } = services(store());
    await settings.update({ trialCredit: 1_500_000, defaultGroup: 'vip' });
    const rich = await users.register('rich@example.com', 'password-1');
    expect(rich.user).toMatchObject({ balance: 1_500_000, group: 'vip' });
    await settings.update({ trialCredit: 0, defaultGroup: 'default' });
    const poor = await users.register('poor@example.com', 'password-1');
    expect(poor.user.balance).toBe(0);
    expect(poor.trialCredit).toBe(0);
    expect(await ledgerOf(store(), poor.user.id)).toHaveLength(0);
    await settings.update({ trialCredit: 200_000 });
  });

  it('refuses a duplicate email with 409 email_taken, also when two registrations race', async () => {
    const { users } = services(store());
    await users.register('dup@example.com', 'password-1');
    await expect(users.register('DUP@example.com', 'password-2')).rejects.toMatchObject({
      status: 409,
      code: 'email_taken',
      kind: 'invalid_request',
    });
    const results = await Promise.allSettled([
      users.register('race@example.com', 'password-1'),
      users.register('race@example.com', 'password-1'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ status: 409, code: 'email_taken' });
    const rows = await store().db.selectFrom('users').select('id').where('email', '=', 'race@example.com').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses registration when the operator closed it, and bad input with 400', async () => {
    const { settings, users } = services(store());
    await expect(users.register('bad-email', 'password-1')).rejects.toMatchObject({
      status: 400,
      code: 'invalid_email',
    });
    await expect(users.register('short@example.com', 'short')).rejects.toMatchObject({ status: 400 });
    expect(await users.findByEmail('short@example.com')).toBeUndefined();
    await settings.update({ registrationEnabled: false });
    await expect(users.register('closed@example.com', 'password-1')).rejects.toMatchObject({
      status: 403,
      code: 'registration_disabled',
    });
    await settings.update({ registrationEnabled: true });
  });

  it('verifies credentials with one answer for unknown email and wrong password', async () => {
    const { users } = services(store());
    const { user } = await users.register('login@example.com', 'password-1');
    expect((await users.verifyCredentials('LOGIN@example.com', 'password-1')).id).toBe(user.id);
    const wrong = await users.verifyCredentials('login@example.com', 'password-2').catch((e) => e);
    const unknown = await users.verifyCredentials('nobody@example.com', 'password-1').catch((e) => e);
    expect(wrong).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(unknown).toMatchObject({ status: wrong.status, code: wrong.code, message: wrong.message });
    await users.update(user.id, { status: 'disabled' });
    await expect(users.verifyCredentials('login@example.com', 'password-1')).rejects.toMatchObject({
      status: 403,
      code: 'account_disabled',
    });
  });

  it('lists and searches users with filters, pagination and a total', async () => {
    let t = 10_000;
    const { users } = services(store(), () => t++);
    for (const name of ['s1', 's2', 's3']) await users.register(`${name}.search_me@corp.test`, 'password-1');
    await users.register('sXsearchXme@corp.test', 'password-1');
    const page = await users.list({ query: 'SEARCH_ME@corp', limit: 2 });
    expect(page.total).toBe(3); // the `_` is literal, not a wildcard: sXsearchXme does not match
    expect(page.data.map((u) => u.email)).toEqual(['s3.search_me@corp.test', 's2.search_me@corp.test']);
    const next = await users.list({ query: 'search_me@corp', limit: 2, offset: 2 });
    expect(next.data.map((u) => u.email)).toEqual(['s1.search_me@corp.test']);
    const byId = await users.list({ query: page.data[0]!.id });
    expect(byId.data.map((u) => u.id)).toEqual([page.data[0]!.id]);
    await users.update(page.data[0]!.id, { role: 'admin' });
    const admins = await users.list({ query: 'corp.test', role: 'admin' });
    expect(admins.data.map((u) => u.id)).toEqual([page.data[0]!.id]);
    expect((await users.list({ query: 'corp.test', status: 'disabled' })).total).toBe(0);
  });

  it('updates role, status, group and display name, and tells listeners', async () => {
    const { users } = services(store());
    const { user } = await users.register('edit@example.com', 'password-1');
    const listener = vi.fn();
    users.onChange(listener);
    const updated = await users.update(user.id, { role: 'admin', status: 'disabled', group: 'vip', displayName: 'E' });
    expect(updated).toMatchObject({ role: 'admin', status: 'disabled', group: 'vip', displayName: 'E' });
    expect(listener).toHaveBeenCalledWith({ userId: user.id, reason: 'updated' });
    await expect(users.update(user.id, { group: 'bad group!' })).rejects.toMatchObject({ status: 400, param: 'group' });
    await expect(users.update('usr_missing', { role: 'admin' })).rejects.toMatchObject({ status: 404 });
  });

  it('creates the bootstrap admin once, even when called concurrently, and keeps it an admin', async () => {
    const { users } = services(store());
    const results = await Promise.all([users.ensureBootstrapAdmin(), users.ensureBootstrapAdmin()]);
    expect(results[0]).toMatchObject({ id: BOOTSTRAP_ADMIN_ID, email: 'admin@aihub.local', role: 'admin' });
    expect(results[0]!.hasPassword).toBe(false);
    await users.ensureBootstrapAdmin();
    const rows = await store().db.selectFrom('users').select('id').where('id', '=', BOOTSTRAP_ADMIN_ID).execute();
    expect(rows).toHaveLength(1);
    await expect(users.update(BOOTSTRAP_ADMIN_ID, { status: 'disabled' })).rejects.toMatchObject({
      code: 'bootstrap_admin_locked',
    });
    await expect(users.register('admin@aihub.local', 'password-1')).rejects.toMatchObject({ status: 409 });
    // Nobody can log in as the bootstrap admin until an admin sets a password.
    await expect(users.verifyCredentials('admin@aihub.local', '')).rejects.toMatchObject({ status: 401 });
    await users.setPassword(BOOTSTRAP_ADMIN_ID, 'admin-password');
    expect((await users.verifyCredentials('admin@aihub.local', 'admin-password')).id).toBe(BOOTSTRAP_ADMIN_ID);
  });

  it('lets the bootstrap admin sign in with the admin key as the password, and nobody else', async () => {
    const settings = new SettingsService(store(), () => 1_000);
    const adminKey = 'sk-bootstrap-admin-key-for-tests-0123456789';
    const users = new UserService(store(), settings, {
      now: () => 1_000,
      newId,
      bootstrapAdminKeyHash: hashApiKey(adminKey),
    });
    await users.ensureBootstrapAdmin();
    expect((await users.verifyCredentials('admin@aihub.local', adminKey)).id).toBe(BOOTSTRAP_ADMIN_ID);
    await expect(users.verifyCredentials('admin@aihub.local', `${adminKey}x`)).rejects.toMatchObject({ status: 401 });
    // Another account with the admin key as its "password" gets nowhere.
    await users.register('not-admin@example.com', 'password-1');
    await expect(users.verifyCredentials('not-admin@example.com', adminKey)).rejects.toMatchObject({ status: 401 });
    // Without a configured admin key, nothing changes.
    await expect(services(store()).users.verifyCredentials('admin@aihub.local', adminKey)).rejects.toMatchObject({
      status: 401,
    });
  });

  it('changes a password only with the current one, ending the other sessions', async () => {
    const now = () => 5_000;
    const { users } = services(store(), now);
    const sessions = new SessionService(store(), { now });
    users.onChange(({ userId }) => sessions.forgetUser(userId));
    const { user } = await users.register('pw@example.com', 'password-1');
    const keep = await sessions.create(user.id, '127.0.0.1', 'test');
    const other = await sessions.create(user.id, '127.0.0.1', 'test');
    expect(await sessions.verify(other.token)).toBeDefined(); // now cached
    await expect(users.changePassword(user.id, 'wrong-password', 'password-2')).rejects.toMatchObject({
      status: 400,
      param: 'currentPassword',
    });
    await expect(users.changePassword(user.id, 'password-1', 'short')).rejects.toMatchObject({
      status: 400,
      param: 'newPassword',
    });
    await users.changePassword(user.id, 'password-1', 'password-2', keep.sessionId);
    expect(await sessions.verify(other.token)).toBeUndefined();
    expect(await sessions.verify(keep.token)).toBeDefined();
    await expect(users.verifyCredentials('pw@example.com', 'password-1')).rejects.toMatchObject({ status: 401 });
    expect((await users.verifyCredentials('pw@example.com', 'password-2')).id).toBe(user.id);
  });
});
