import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db-harness.js';
import { accountServices } from '../../accounts/test-fixtures.js';
import { runLedgerVerify } from '../ledger-verify.js';
import { cliEnvironment, cliRunner, type RunCli } from '../test-fixtures.js';

describeEachDialect('aihub users', (store) => {
  let env: NodeJS.ProcessEnv;
  let aihub: RunCli;
  beforeAll(() => {
    env = cliEnvironment(store());
    aihub = cliRunner(() => env);
  });

  const verifies = async () => {
    let text = '';
    const code = await runLedgerVerify(store(), { write: (chunk: string) => (text += chunk) });
    return { code, text };
  };

  const ledgerOf = (userId: string) =>
    store()
      .db.selectFrom('ledger_entries')
      .select(['amount', 'kind', 'reason_code', 'reason_params', 'balance_after'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();

  it('creates a user with an initial balance credited through the ledger, and prints the password once', async () => {
    const run = await aihub(['users', 'create', 'Alice@Example.com', '--balance', '5.25', '--json']);
    expect(run.code).toBe(0);
    const user = run.json<{ id: string; email: string; balanceUsd: string; generatedPassword: string }>();
    expect(user).toMatchObject({ email: 'alice@example.com', balanceUsd: '5.250000', role: 'user' });
    expect(user.generatedPassword).toMatch(/^[\w-]{24}$/);
    const entries = await ledgerOf(user.id);
    expect(entries).toEqual([
      expect.objectContaining({ amount: 5_250_000, kind: 'adjust', reason_code: 'initial_balance' }),
    ]);

    const table = await aihub([
      'users',
      'create',
      'bob@example.com',
      '--password',
      'correct horse battery',
      '--role',
      'admin',
    ]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Email\s+bob@example\.com/);
    expect(table.out).not.toContain('Generated password');

    const again = await aihub(['users', 'create', 'alice@example.com']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already/i);
  });

  it('lists users as a table and as JSON, filtered', async () => {
    const table = await aihub(['users', 'list', '--query', 'alice']);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+EMAIL\s+ROLE\s+GROUP\s+STATUS\s+BALANCE USD/);
    expect(table.out).toMatch(/alice@example\.com .* 5\.250000/);
    expect(table.out).not.toContain('bob@example.com');

    const admins = (await aihub(['users', 'list', '--role', 'admin', '--json'])).json<{
      data: Array<{ email: string }>;
    }>();
    expect(admins.data.map((user) => user.email)).toContain('bob@example.com');
    expect(admins.data.map((user) => user.email)).not.toContain('alice@example.com');
  });

  it('sets a balance with one admin_adjust entry for the difference; the ledger still reconciles', async () => {
    const set = await aihub([
      'users',
      'set-balance',
      'alice@example.com',
      '12',
      '--reason',
      'Contract top-up',
      '--json',
    ]);
    expect(set.code).toBe(0);
    const result = set.json<{ userId: string; beforeUsd: string; afterUsd: string; changeUsd: string }>();
    expect(result).toMatchObject({ beforeUsd: '5.250000', afterUsd: '12.000000', changeUsd: '6.750000' });

    const added = await aihub(['users', 'set-balance', result.userId, '-0.000001', '--add', '--reason', 'rounding']);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/After USD\s+11\.999999/);

    const same = await aihub(['users', 'set-balance', result.userId, '11.999999', '--reason', 'no-op']);
    expect(same.code).toBe(0);
    expect(same.out).toContain('nothing was written');

    const entries = await ledgerOf(result.userId);
    expect(entries.slice(1)).toEqual([
      expect.objectContaining({
        amount: 6_750_000,
        kind: 'adjust',
        reason_code: 'admin_adjust',
        balance_after: 12_000_000,
      }),
      expect.objectContaining({ amount: -1, reason_code: 'admin_adjust', balance_after: 11_999_999 }),
    ]);
    expect(JSON.parse(entries[1]?.reason_params ?? '{}')).toMatchObject({
      note: 'Contract top-up',
      by: expect.stringMatching(/^cli/),
    });
    const verify = await verifies();
    expect(verify.text).toContain('OK');
    expect(verify.code).toBe(0);
  });

  it('refuses bad amounts and a missing reason as usage errors (2), an unknown user as a failure (1), writing nothing', async () => {
    const before = await store()
      .db.selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const tooPrecise = await aihub(['users', 'set-balance', 'alice@example.com', '1.0000001', '--reason', 'x']);
    expect(tooPrecise.code).toBe(2);
    expect(tooPrecise.err).toContain('at most 6 decimals');
    expect((await aihub(['users', 'set-balance', 'alice@example.com', 'ten', '--reason', 'x'])).code).toBe(2);
    const noReason = await aihub(['users', 'set-balance', 'alice@example.com', '3']);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--reason is required');
    const nobody = await aihub(['users', 'set-balance', 'nobody@example.com', '3', '--reason', 'x']);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain('No such user');
    const after = await store()
      .db.selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('disables and re-enables an account; the bootstrap administrator cannot be disabled', async () => {
    await accountServices(store(), Date.now).users.ensureBootstrapAdmin();
    const disabled = await aihub(['users', 'disable', 'alice@example.com', '--json']);
    expect(disabled.code).toBe(0);
    expect(disabled.json()).toMatchObject({ email: 'alice@example.com', status: 'disabled' });
    expect(disabled.err).toContain('REDIS_URL');
    const enabled = await aihub(['users', 'disable', 'alice@example.com', '--enable']);
    expect(enabled.out).toContain('is now active');
    const admin = await aihub(['users', 'disable', 'usr_admin']);
    expect(admin.code).toBe(1);
    expect(admin.err).toContain('cannot be demoted or disabled');
  });
});

describe('aihub users (command line)', () => {
  const aihub = cliRunner(() => ({}));
  it('rejects an unknown role before touching any database', async () => {
    const run = await aihub(['users', 'create', 'a@b.c', '--role', 'root']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--role must be one of user, admin');
  });
});
