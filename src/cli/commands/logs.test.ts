import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db-harness.js';
import { insertLogs, logEntry } from '../../../test/logs/log-fixtures.js';
import { cliEnvironment, cliRunner, type RunCli } from '../test-fixtures.js';

const DAY = 86_400_000;

describeEachDialect('aihub logs prune', (store) => {
  let aihub: RunCli;
  beforeAll(async () => {
    const env = cliEnvironment(store());
    aihub = cliRunner(() => env);
    const now = Date.now();
    await insertLogs(store(), [
      logEntry({ id: 'req_old1', createdAt: Date.UTC(2025, 0, 1) }),
      logEntry({ id: 'req_old2', createdAt: Date.UTC(2025, 5, 1) }),
      logEntry({ id: 'req_month', createdAt: now - 40 * DAY }),
      logEntry({ id: 'req_new', createdAt: now - DAY }),
    ]);
  });

  const remaining = async () =>
    (await store().db.selectFrom('request_logs').select('id').orderBy('id').execute()).map((row) => row.id);

  it('counts with --dry-run, then deletes rows before a date, then older than a duration', async () => {
    const dry = await aihub(['logs', 'prune', '--before', '2025-12-31', '--dry-run', '--json']);
    expect(dry.json()).toEqual({ before: '2025-12-31T00:00:00.000Z', dryRun: true, rows: 2 });
    expect(await remaining()).toHaveLength(4);

    const dated = await aihub(['logs', 'prune', '--before', '2025-03-01']);
    expect(dated.code).toBe(0);
    expect(dated.out).toBe('Deleted 1 request log row(s) created before 2025-03-01T00:00:00.000Z.\n');
    expect(await remaining()).toEqual(['req_month', 'req_new', 'req_old2']);

    const aged = await aihub(['logs', 'prune', '--before', '30d', '--json']);
    expect(aged.json()).toMatchObject({ rows: 2, dryRun: false });
    expect(await remaining()).toEqual(['req_new']);
  });

  it('needs --before, in a form it understands (exit 2)', async () => {
    expect((await aihub(['logs', 'prune'])).code).toBe(2);
    const bad = await aihub(['logs', 'prune', '--before', 'last tuesday']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('a duration (30d, 12h, 90m, 2w) or a date');
  });
});
