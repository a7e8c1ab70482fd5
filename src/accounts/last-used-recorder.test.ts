import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { openStore, type Store } from '../store/database.js';
import { LastUsedRecorder } from './last-used-recorder.js';

describeEachDialect('LastUsedRecorder', (store) => {
  async function insertKeys(prefix: string, count: number): Promise<string[]> {
    const userId = `usr_${prefix}`;
    await store()
      .db.insertInto('users')
      .values({
        id: userId,
        email: `${prefix}@example.com`,
        password_hash: null,
        display_name: null,
        role: 'user',
        group_name: 'default',
        status: 'active',
        balance: 0,
        reserved: 0,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    const ids = Array.from({ length: count }, (_, i) => `key_${prefix}_${i}`);
    await store()
      .db.insertInto('api_keys')
      .values(
        ids.map((id) => ({
          id,
          user_id: userId,
          name: id,
          key_hash: `hash_${id}`,
          key_hint: 'sk-…',
          quota: null,
          used: 0,
          reserved: 0,
          expires_at: null,
          allowed_models: null,
          allowed_ips: null,
          status: 'enabled' as const,
          last_used_at: null,
          created_at: 1,
          updated_at: 1,
        })),
      )
      .execute();
    return ids;
  }

  it('writes the latest time of every key, across several chunks', async () => {
    const ids = await insertKeys('many', 450);
    const recorder = new LastUsedRecorder(store());
    for (const [i, id] of ids.entries()) recorder.record(id, 1_000 + i);
    recorder.record(ids[0]!, 5_000);
    await recorder.flush();
    const rows = await store()
      .db.selectFrom('api_keys')
      .select(['id', 'last_used_at'])
      .where('user_id', '=', 'usr_many')
      .execute();
    const byId = new Map(rows.map((row) => [row.id, Number(row.last_used_at)]));
    expect(byId.get(ids[0]!)).toBe(5_000);
    expect(byId.get(ids[449]!)).toBe(1_449);
    expect([...byId.values()].every((value) => value >= 1_000)).toBe(true);
    await recorder.flush(); // nothing pending: no-op
  });

  it('keeps the times of a failed flush and writes them on the next one', async () => {
    const [id] = await insertKeys('retry', 1);
    const test = store();
    const broken = await openStore({
      url: test.url,
      dataDir: tmpdir(),
      ...(test.schema ? { schema: test.schema } : {}),
    });
    // Kysely connects lazily: use the connection once, so closing it really closes it.
    await broken.db.selectFrom('users').select('id').execute();
    await broken.close();
    let down = true;
    // The recorder reads `store.db` at each write: first a closed connection, then the live one.
    const flaky = {
      ...test,
      get db() {
        return down ? broken.db : test.db;
      },
    } as Store;
    const recorder = new LastUsedRecorder(flaky);
    recorder.record(id!, 7_000);
    await expect(recorder.flush()).rejects.toThrow();
    recorder.record('key_other_not_in_db', 7_500);
    down = false;
    await recorder.close();
    const row = await test.db
      .selectFrom('api_keys')
      .select('last_used_at')
      .where('id', '=', id!)
      .executeTakeFirstOrThrow();
    expect(Number(row.last_used_at)).toBe(7_000);
  });
});
