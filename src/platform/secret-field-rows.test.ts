import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { SecretBox } from '../channels/secret-box.js';
import { SecretFieldRows } from './secret-field-rows.js';

describeEachDialect('secret-bearing provider settings', (store) => {
  const box = new SecretBox(randomBytes(32));
  const isSecret = (name: string) => name === 'key';

  it('stores secrets encrypted, sets, keeps and clears fields, and reads them back per provider', async () => {
    const rows = new SecretFieldRows({ store: store(), box, rowPrefix: 'test.a.' });
    await rows.write('p1', { key: 'sk-1', url: 'https://x.test', name: 'One' }, isSecret, 1);
    const raw = await store()
      .db.selectFrom('settings')
      .select('value')
      .where('key', '=', 'test.a.p1')
      .executeTakeFirst();
    expect(raw?.value).not.toContain('sk-1');
    await rows.write('p1', { url: null, name: '', key: undefined }, isSecret, 2);
    const stored = await rows.readAll();
    expect([...stored.keys()]).toEqual(['p1']);
    expect(rows.decrypt('p1', stored.get('p1') ?? {})).toEqual({ key: 'sk-1' });
  });

  it('leaves out a row that is not JSON, and a secret that does not decrypt (reported)', async () => {
    const reported: string[] = [];
    const rows = new SecretFieldRows({
      store: store(),
      box,
      rowPrefix: 'test.b.',
      onSecretError: (_error, id, field) => reported.push(`${id}.${field}`),
    });
    await store()
      .db.insertInto('settings')
      .values({ key: 'test.b.broken', value: 'not json', updated_at: 1 })
      .execute();
    await store()
      .db.insertInto('settings')
      .values({
        key: 'test.b.other-key',
        value: JSON.stringify({ key: { encrypted: 'garbage' }, url: { value: 'u' } }),
        updated_at: 1,
      })
      .execute();
    const stored = await rows.readAll();
    expect(stored.has('broken')).toBe(false);
    expect(rows.decrypt('other-key', stored.get('other-key') ?? {})).toEqual({ url: 'u' });
    expect(reported).toEqual(['other-key.key']);
  });
});
