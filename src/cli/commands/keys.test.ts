import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db-harness.js';
import { KeyCache } from '../../accounts/key-cache.js';
import { cliEnvironment, cliRunner, type RunCli } from '../test-fixtures.js';

describeEachDialect('aihub keys', (store) => {
  let aihub: RunCli;
  beforeAll(async () => {
    const env = cliEnvironment(store());
    aihub = cliRunner(() => env);
    expect((await aihub(['users', 'create', 'owner@example.com', '--balance', '1'])).code).toBe(0);
  });

  /** What a freshly started server would accept: the key cache loaded from the database. */
  const serverAccepts = async (key: string) => {
    const cache = new KeyCache(store(), { now: Date.now });
    await cache.load();
    try {
      cache.authenticate(key);
      return true;
    } catch {
      return false;
    } finally {
      await cache.close();
    }
  };

  it('creates a key that authenticates, lists it with its owner, and revokes it', async () => {
    const created = await aihub([
      'keys',
      'create',
      'owner@example.com',
      '--name',
      'ci',
      '--quota',
      '2.5',
      '--expires',
      '30d',
      '--model',
      'gpt-4o*',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const key = created.json<{
      id: string;
      key: string;
      quotaUsd: string;
      allowedModels: string[];
      expiresAt: string;
    }>();
    expect(key).toMatchObject({ quotaUsd: '2.500000', allowedModels: ['gpt-4o*'], ownerEmail: 'owner@example.com' });
    expect(Date.parse(key.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(await serverAccepts(key.key)).toBe(true);

    const table = await aihub(['keys', 'list', '--user', 'owner@example.com']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(new RegExp(`${key.id}\\s+owner@example\\.com\\s+ci\\s+sk-`));
    expect(table.out).not.toContain(key.key);
    const listed = (await aihub(['keys', 'list', '--json'])).json<{ data: Array<{ id: string }>; total: number }>();
    expect(listed.data.map((item) => item.id)).toContain(key.id);

    const revoked = await aihub(['keys', 'revoke', key.id]);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`Revoked ${key.id}`);
    expect(await serverAccepts(key.key)).toBe(false);
    const again = await aihub(['keys', 'revoke', key.id]);
    expect(again.code).toBe(1);
  });

  it('needs a name, and refuses a past expiry as a usage error', async () => {
    expect((await aihub(['keys', 'create', 'owner@example.com'])).code).toBe(2);
    const past = await aihub(['keys', 'create', 'owner@example.com', '--name', 'x', '--expires', '2020-01-01']);
    expect(past.code).toBe(2);
    expect(past.err).toContain('--expires must be in the future');
  });
});
