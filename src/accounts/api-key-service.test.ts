import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { hashApiKey } from './api-key-format.js';
import { ApiKeyService } from './api-key-service.js';
import { accountServices, actorFor } from './test-fixtures.js';

describeEachDialect('ApiKeyService', (store) => {
  let t = 1_000_000;
  const now = () => t;

  async function twoUsers(prefix: string) {
    const services = accountServices(store(), now);
    const alice = (await services.users.register(`${prefix}-alice@example.com`, 'password-1')).user;
    const bob = (await services.users.register(`${prefix}-bob@example.com`, 'password-1')).user;
    const admin = await services.users.update(
      (await services.users.register(`${prefix}-admin@example.com`, 'password-1')).user.id,
      { role: 'admin' },
    );
    return { ...services, alice: actorFor(alice), bob: actorFor(bob), admin: actorFor(admin) };
  }

  it('creates a key shown once and stores only its hash and hint', async () => {
    const { keys, alice } = await twoUsers('create');
    const { key, record } = await keys.create(alice, {
      name: ' ci ',
      quota: 5_000_000,
      expiresAt: t + 86_400_000,
      allowedModels: ['gpt-4o', 'claude-*'],
      allowedIps: ['10.0.0.0/8'],
    });
    expect(key).toMatch(/^sk-[0-9A-Za-z]{48}$/);
    expect(record).toMatchObject({
      userId: alice.userId,
      name: 'ci',
      hint: `sk-${key.slice(3, 7)}…${key.slice(-4)}`,
      status: 'enabled',
      quota: 5_000_000,
      used: 0,
      expiresAt: t + 86_400_000,
      allowedModels: ['gpt-4o', 'claude-*'],
      allowedIps: ['10.0.0.0/8'],
      lastUsedAt: null,
    });
    expect(record).not.toHaveProperty('key');
    const row = await store()
      .db.selectFrom('api_keys')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(3));
  });

  it('lets a user see and change only their own keys; others get 404 as if the key did not exist', async () => {
    const { keys, alice, bob } = await twoUsers('own');
    const { record } = await keys.create(alice, { name: 'alice key' });
    const missing = await keys.get(bob, 'key_doesnotexist').catch((e) => e);
    expect(missing).toMatchObject({ status: 404, code: 'key_not_found' });
    for (const attempt of [
      () => keys.get(bob, record.id),
      () => keys.update(bob, record.id, { name: 'stolen', status: 'disabled' }),
      () => keys.delete(bob, record.id),
    ]) {
      const error = await attempt().catch((e) => e);
      expect(error).toMatchObject({ status: 404, code: 'key_not_found', message: missing.message });
    }
    expect(await keys.get(alice, record.id)).toMatchObject({ name: 'alice key', status: 'enabled' });
    expect((await keys.list(bob)).data).toEqual([]);
    await expect(keys.list(bob, { userId: alice.userId })).rejects.toMatchObject({ status: 404 });
    await expect(keys.create(bob, { name: 'for alice', userId: alice.userId })).rejects.toMatchObject({ status: 404 });
    expect((await keys.list(alice)).data.map((k) => k.id)).toEqual([record.id]);
  });

  it('lets an admin list, read, change, create for and delete anyone’s keys', async () => {
    const { keys, alice, bob, admin } = await twoUsers('admin');
    const a = await keys.create(alice, { name: 'a' });
    t += 1;
    const b = await keys.create(admin, { name: 'b', userId: bob.userId });
    expect(b.record.userId).toBe(bob.userId);
    expect((await keys.list(admin, { userId: alice.userId })).data.map((k) => k.id)).toEqual([a.record.id]);
    const all = await keys.list(admin, { limit: 1000 });
    expect(all.data.map((k) => k.id)).toEqual(expect.arrayContaining([a.record.id, b.record.id]));
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(await keys.update(admin, a.record.id, { status: 'disabled' })).toMatchObject({ status: 'disabled' });
    await keys.delete(admin, b.record.id);
    await expect(keys.get(bob, b.record.id)).rejects.toMatchObject({ status: 404 });
    await expect(keys.list(admin, { userId: 'usr_nobody' })).rejects.toMatchObject({ status: 404 });
  });

  it('updates every field, null clearing a restriction', async () => {
    const { keys, alice } = await twoUsers('update');
    const { record } = await keys.create(alice, { name: 'k', allowedModels: ['gpt-*'], quota: 1 });
    t += 10;
    const updated = await keys.update(alice, record.id, {
      name: 'renamed',
      quota: null,
      expiresAt: t + 1000,
      allowedModels: null,
      allowedIps: ['::1'],
      status: 'disabled',
    });
    expect(updated).toMatchObject({
      name: 'renamed',
      quota: null,
      expiresAt: t + 1000,
      allowedModels: null,
      allowedIps: ['::1'],
      status: 'disabled',
      updatedAt: t,
    });
    // Absent fields stay as they were.
    expect(await keys.update(alice, record.id, { status: 'enabled' })).toMatchObject({
      name: 'renamed',
      allowedIps: ['::1'],
    });
  });

  it('validates input with 400s naming the field', async () => {
    const { keys, alice } = await twoUsers('validate');
    const cases: Array<[Parameters<typeof keys.create>[1], string]> = [
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'k', quota: -1 }, 'quota'],
      [{ name: 'k', quota: 1.5 }, 'quota'],
      [{ name: 'k', expiresAt: t - 1 }, 'expiresAt'],
      [{ name: 'k', allowedIps: ['300.1.1.1'] }, 'allowedIps'],
      [{ name: 'k', allowedModels: [] }, 'allowedModels'],
    ];
    for (const [input, param] of cases) {
      await expect(keys.create(alice, input), param).rejects.toMatchObject({ status: 400, param });
    }
    expect((await keys.list(alice)).total).toBe(0);
  });

  it('caps the number of keys per user', async () => {
    const services = accountServices(store(), now);
    const { user } = await services.users.register('cap@example.com', 'password-1');
    const capped = new ApiKeyService(store(), services.cache, {
      now,
      newId: (p) => `${p}_cap${t++}`,
      maxKeysPerUser: 2,
    });
    await capped.create(actorFor(user), { name: '1' });
    await capped.create(actorFor(user), { name: '2' });
    await expect(capped.create(actorFor(user), { name: '3' })).rejects.toMatchObject({ code: 'too_many_keys' });
  });
});
