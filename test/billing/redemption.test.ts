import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { generateRedemptionCode, normalizeRedemptionCode } from '../../src/billing/redemption-code.js';
import { RedemptionService } from '../../src/billing/redemption-service.js';
import { newId } from '../../src/platform/ids.js';
import { describeEachDialect } from '../db-harness.js';
import { createUser, ledgerCount, testClock, userRow } from './billing-fixtures.js';

it('codes look like AIHUB-XXXX-XXXX-XXXX-XXXX without look-alike characters, and normalise', () => {
  const codes = new Set(Array.from({ length: 2_000 }, generateRedemptionCode));
  expect(codes.size).toBe(2_000);
  for (const code of codes) expect(code).toMatch(/^AIHUB(-[2-9A-HJKMNP-Z]{4}){4}$/);
  const code = [...codes][0] as string;
  expect(normalizeRedemptionCode(` ${code.toLowerCase().replaceAll('-', ' ')} `)).toBe(code);
  expect(normalizeRedemptionCode(code.replaceAll('-', ''))).toBe(code);
  expect(normalizeRedemptionCode('  nonsense ')).toBe('nonsense');
});

describeEachDialect('redemption codes', (store) => {
  const clock = testClock();
  const service = () => new RedemptionService(store(), { now: clock.now, newId });

  it('creates a batch with its codes and redeems a code once into the ledger', async () => {
    const { batch, codes } = await service().createBatch('usr_admin', {
      name: 'Launch',
      amountUnits: 5_000_000,
      count: 3,
    });
    expect(batch).toMatchObject({
      name: 'Launch',
      amount: 5_000_000,
      count: 3,
      unused: 3,
      redeemed: 0,
      createdBy: 'usr_admin',
    });
    expect(codes).toHaveLength(3);
    const user = await createUser(store(), { balance: 100 });
    const result = await service().redeem(user, (codes[0] as string).toLowerCase());
    expect(result).toMatchObject({ amount: 5_000_000, balanceAfter: 5_000_100 });
    expect(await userRow(store(), user)).toEqual({ balance: 5_000_100, reserved: 0 });
    const entry = await store()
      .db.selectFrom('ledger_entries')
      .selectAll()
      .where('kind', '=', 'redeem')
      .where('reference', '=', result.codeId)
      .executeTakeFirstOrThrow();
    expect(entry.user_id).toBe(user);
    await expect(service().redeem(user, codes[0] as string)).rejects.toMatchObject({
      status: 400,
      code: 'redemption_code_used',
    });
    const listed = await service().listCodes(batch.id);
    expect(listed?.find((c) => c.code === codes[0])).toMatchObject({
      status: 'redeemed',
      redeemedBy: user,
      redeemedAt: clock.now(),
    });
    expect((await service().getBatch(batch.id))?.redeemed).toBe(1);
  });

  it('50 concurrent redeems of one code: exactly one succeeds, one ledger entry', async () => {
    const { codes } = await service().createBatch('usr_admin', { name: 'Race', amountUnits: 1_000, count: 1 });
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser(store())));
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => service().redeem(users[i % 5] as string, codes[0] as string)),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of attempts.filter((a) => a.status === 'rejected')) {
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'redemption_code_used' });
    }
    const entries = await Promise.all(users.map((u) => ledgerCount(store(), u)));
    expect(entries.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await verifyLedger(store())).mismatches).toEqual([]);
  });

  it('answers precisely for unknown, expired and disabled codes', async () => {
    const user = await createUser(store());
    await expect(service().redeem(user, 'AIHUB-2222-2222-2222-2222')).rejects.toMatchObject({
      status: 404,
      code: 'redemption_code_not_found',
    });
    const expiring = await service().createBatch('usr_admin', {
      name: 'Short',
      amountUnits: 1,
      count: 1,
      expiresAt: clock.now() + 1_000,
    });
    clock.advance(1_000);
    await expect(service().redeem(user, expiring.codes[0] as string)).rejects.toMatchObject({
      status: 400,
      code: 'redemption_code_expired',
    });
    const batch = await service().createBatch('usr_admin', { name: 'Pulled', amountUnits: 1, count: 4 });
    const codes = (await service().listCodes(batch.batch.id)) ?? [];
    expect(await service().disableCode((codes[0] as { id: string }).id)).toBe(true);
    expect(await service().disableCode((codes[0] as { id: string }).id)).toBe(false);
    await service().redeem(user, (codes[1] as { code: string }).code);
    expect(await service().disableBatch(batch.batch.id)).toBe(2);
    await expect(service().redeem(user, (codes[2] as { code: string }).code)).rejects.toMatchObject({
      code: 'redemption_code_disabled',
    });
    expect(await service().getBatch(batch.batch.id)).toMatchObject({ unused: 0, redeemed: 1, disabled: 3 });
    expect(await ledgerCount(store(), user)).toBe(1);
  });

  it('validates batches and creates 10,000 codes in one go', async () => {
    await expect(service().createBatch('a', { name: ' ', amountUnits: 1, count: 1 })).rejects.toMatchObject({
      param: 'name',
    });
    await expect(service().createBatch('a', { name: 'x', amountUnits: 0, count: 1 })).rejects.toMatchObject({
      param: 'amount',
    });
    await expect(service().createBatch('a', { name: 'x', amountUnits: 1, count: 10_001 })).rejects.toMatchObject({
      param: 'count',
    });
    await expect(
      service().createBatch('a', { name: 'x', amountUnits: 1, count: 1, expiresAt: clock.now() }),
    ).rejects.toMatchObject({ param: 'expiresAt' });
    const big = await service().createBatch('a', { name: 'Bulk', amountUnits: 1, count: 10_000 });
    expect(new Set(big.codes).size).toBe(10_000);
    expect((await service().listCodes(big.batch.id))?.length).toBe(10_000);
    expect(await service().listCodes('rdb_missing')).toBeUndefined();
  });
});
