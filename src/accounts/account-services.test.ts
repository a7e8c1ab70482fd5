import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { SettingsService } from '../platform/settings.js';
import { createAccountServices } from './account-services.js';
import { BOOTSTRAP_KEY_ID } from './key-cache.js';
import { actorFor } from './test-fixtures.js';

describeEachDialect('createAccountServices', (store) => {
  it('creates the bootstrap admin, registers the admin key, and wires user changes into both caches', async () => {
    const t = 1_000_000;
    const settings = new SettingsService(store(), () => t);
    await settings.update({ defaultGroup: 'ops' });
    const services = await createAccountServices({
      store: store(),
      settings,
      now: () => t,
      adminKeyHash: createHash('sha256').update('sk-admin').digest('hex'),
    });
    const admin = services.keyCache.authenticate('sk-admin');
    expect(admin).toMatchObject({ keyId: BOOTSTRAP_KEY_ID, unmetered: true });
    expect(admin.principal).toMatchObject({ userId: 'usr_admin', role: 'admin', group: 'ops' });

    const { user } = await services.users.register('wired@example.com', 'password-1');
    const session = await services.sessions.create(user.id, null, null);
    const { key } = await services.keys.create(actorFor(user), { name: 'k' });
    expect(await services.sessions.verify(session.token)).toBeDefined();
    services.keyCache.authenticate(key, t);
    await services.users.update(user.id, { status: 'disabled' });
    expect(await services.sessions.verify(session.token)).toBeUndefined();
    expect(() => services.keyCache.authenticate(key)).toThrow(expect.objectContaining({ code: 'account_disabled' }));

    await services.close(); // writes the pending last-used time
    const row = await store()
      .db.selectFrom('api_keys')
      .select('last_used_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.last_used_at)).toBe(t);
  });
});
