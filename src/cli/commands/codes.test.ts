import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db-harness.js';
import { RedemptionService } from '../../billing/redemption-service.js';
import { newId } from '../../platform/ids.js';
import { runLedgerVerify } from '../ledger-verify.js';
import { cliEnvironment, cliRunner, type RunCli } from '../test-fixtures.js';

describeEachDialect('aihub codes create', (store) => {
  let aihub: RunCli;
  beforeAll(() => {
    const env = cliEnvironment(store());
    aihub = cliRunner(() => env);
  });

  it('prints a batch as CSV; each code redeems once for its amount and the ledger reconciles', async () => {
    const run = await aihub([
      'codes',
      'create',
      '--amount',
      '2.5',
      '--count',
      '3',
      '--name',
      'launch',
      '--expires',
      '7d',
    ]);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.out.trimEnd().split('\r\n');
    expect(header).toBe('code,amount_usd,batch_id,expires_at');
    expect(rows).toHaveLength(3);
    const fields = rows.map((row) => row.split(','));
    for (const [, amount, batch, expires] of fields) {
      expect(amount).toBe('2.500000');
      expect(batch).toMatch(/^rdb_/);
      expect(Date.parse(expires ?? '') - Date.now()).toBeGreaterThan(6 * 86_400_000);
    }

    const user = await aihub(['users', 'create', 'redeemer@example.com', '--json']);
    const userId = user.json<{ id: string }>().id;
    const redemptions = new RedemptionService(store(), { now: Date.now, newId });
    const code = fields[0]?.[0] ?? '';
    expect(await redemptions.redeem(userId, code)).toMatchObject({ amount: 2_500_000, balanceAfter: 2_500_000 });
    await expect(redemptions.redeem(userId, code)).rejects.toThrow();
    expect(await runLedgerVerify(store(), { write: () => true })).toBe(0);
  });

  it('writes the CSV to a private file with --output, and JSON with --json', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aihub-codes-')), 'codes.csv');
    const run = await aihub(['codes', 'create', '--amount', '1', '--count', '2', '-o', file]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Codes\s+2 × 1\.000000 USD/);
    expect(readFileSync(file, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const json = (await aihub(['codes', 'create', '--amount', '0.1', '--json'])).json<{
      codes: string[];
      amountUsd: string;
      count: number;
    }>();
    expect(json).toMatchObject({ amountUsd: '0.100000', count: 1 });
    expect(json.codes).toHaveLength(1);
  });

  it('refuses a zero amount, a missing amount and a count past the batch limit (exit 2)', async () => {
    expect((await aihub(['codes', 'create', '--amount', '0'])).code).toBe(2);
    expect((await aihub(['codes', 'create'])).code).toBe(2);
    const many = await aihub(['codes', 'create', '--amount', '1', '--count', '10001']);
    expect(many.code).toBe(2);
    expect(many.err).toContain('--count must be between 1 and 10000');
  });
});
