import { afterAll, expect, it } from 'vitest';
import type { Ledger } from '../../src/billing/ledger.js';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { listOverruns } from '../../src/billing/overrun-query.js';
import { describeEachDialect } from '../db-harness.js';
import { createKey, createUser, keyRow, ledgerSum, startLedger, type TestLedger, userRow } from './billing-fixtures.js';
import { testCharge } from './reason-fixture.js';

/**
 * A vendor that bills beyond the hold (the bound failed, an odd vendor): the excess is charged
 * only as far as the free headroom and the key's quota allow, in the settlement's own transaction,
 * recorded as an overrun, and never compounds across concurrent requests. Both dialects; on
 * PostgreSQL the concurrent cases go through the group-commit batch function.
 */
describeEachDialect('overruns: a cost above the hold', (store) => {
  const ledgers: Ledger[] = [];
  const ledger = async (overdraft = 0): Promise<TestLedger> => {
    const started = await startLedger(store(), { overdraft });
    ledgers.push(started);
    return started;
  };
  afterAll(async () => {
    for (const started of ledgers) await started.stop();
  });

  it('charges the excess when the balance has room for it, and records the overrun', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 10_000 });
    await l.reserve({ requestId: 'ovr_room', userId: user, keyId: null, amount: 1_000 });
    expect(await l.settle({ requestId: 'ovr_room', cost: 1_300, reason: testCharge() })).toEqual({
      status: 'settled',
      charged: 1_300,
      balanceAfter: 8_700,
    });
    const [overrun] = (await listOverruns(store(), { limit: 10 })).filter((row) => row.requestId === 'ovr_room');
    expect(overrun).toMatchObject({ userId: user, keyId: null, held: 1_000, cost: 1_300, charged: 1_300 });
  });

  it('stops at the overdraft: what is left is not collected, and the ledger still reconciles', async () => {
    const l = await ledger(200);
    const user = await createUser(store(), { balance: 1_000 });
    await l.reserve({ requestId: 'ovr_od', userId: user, keyId: null, amount: 1_000 });
    const result = await l.settle({ requestId: 'ovr_od', cost: 5_000, reason: testCharge() });
    expect(result).toEqual({ status: 'settled', charged: 1_200, balanceAfter: -200 });
    expect(await userRow(store(), user)).toEqual({ balance: -200, reserved: 0 });
    expect(await ledgerSum(store(), user)).toBe(-200);
    const [overrun] = (await listOverruns(store(), { userId: user, limit: 10 })).filter(
      (row) => row.requestId === 'ovr_od',
    );
    expect(overrun).toMatchObject({ held: 1_000, cost: 5_000, charged: 1_200, uncollected: 3_800 });
    // The entry says what was left, in English and in the parameters the console translates.
    const entry = await store()
      .db.selectFrom('ledger_entries')
      .select(['reason', 'reason_code', 'reason_params'])
      .where('reference', '=', 'ovr_od')
      .executeTakeFirstOrThrow();
    expect(entry.reason).toBe('gpt-test via openai: 10 in, 5 out (3800 units above the hold not charged)');
    expect(entry.reason_code).toBe('usage');
    expect(JSON.parse(entry.reason_params ?? '')).toMatchObject({ model: 'gpt-test', uncollected: 3_800 });
    const report = await verifyLedger(store());
    expect(report.mismatches).toEqual([]);
    expect(report.overruns).toBeGreaterThanOrEqual(1);
    expect(report.uncollectedUnits).toBeGreaterThanOrEqual(3_800);
  });

  it('leaves other requests’ holds alone: the excess takes only what no one has reserved', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 3_000 });
    await l.reserve({ requestId: 'ovr_a', userId: user, keyId: null, amount: 1_000 });
    await l.reserve({ requestId: 'ovr_b', userId: user, keyId: null, amount: 1_500 });
    // 500 free besides the two holds: ovr_a may take 500 beyond its 1,000, not ovr_b's money.
    expect(await l.settle({ requestId: 'ovr_a', cost: 9_000, reason: testCharge() })).toMatchObject({ charged: 1_500 });
    expect(await userRow(store(), user)).toEqual({ balance: 1_500, reserved: 1_500 });
    expect(await l.settle({ requestId: 'ovr_b', cost: 1_500, reason: testCharge() })).toMatchObject({ charged: 1_500 });
    expect(await userRow(store(), user)).toEqual({ balance: 0, reserved: 0 });
  });

  it('never spends a key past its quota', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 1_000_000 });
    const key = await createKey(store(), user, 2_000);
    await l.reserve({ requestId: 'ovr_key', userId: user, keyId: key, amount: 1_500 });
    expect(await l.settle({ requestId: 'ovr_key', cost: 4_000, reason: testCharge() })).toMatchObject({
      charged: 2_000,
    });
    expect(await keyRow(store(), key)).toEqual({ used: 2_000, reserved: 0 });
    expect((await userRow(store(), user)).balance).toBe(998_000);
  });

  it('a cost within the hold is charged in full, even after an adjustment took the balance below zero', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 1_000 });
    await l.reserve({ requestId: 'ovr_within', userId: user, keyId: null, amount: 1_000 });
    await l.adjustBalance('usr_admin', user, -5_000, 'refund reversed');
    expect(await l.settle({ requestId: 'ovr_within', cost: 800, reason: testCharge() })).toMatchObject({
      charged: 800,
    });
    expect((await listOverruns(store(), { userId: user, limit: 10 })).length).toBe(0);
  });

  it('200 concurrent overruns on one balance and one key never compound', async () => {
    const l = await ledger(1_000);
    const poor = await createUser(store(), { balance: 20_000 });
    const rich = await createUser(store(), { balance: 10_000_000 });
    const key = await createKey(store(), rich, 30_000);
    const ids = Array.from({ length: 200 }, (_, i) => ({ id: `ovr_c${i}`, key: i % 2 === 1 }));
    const held = await Promise.allSettled(
      ids.map(({ id, key: withKey }) =>
        l.reserve({ requestId: id, userId: withKey ? rich : poor, keyId: withKey ? key : null, amount: 500 }),
      ),
    );
    // Every hold that was granted now costs ten times what it held.
    await Promise.all(
      ids.map(({ id }, i) =>
        held[i]?.status === 'fulfilled' ? l.settle({ requestId: id, cost: 5_000, reason: testCharge() }) : undefined,
      ),
    );
    expect((await userRow(store(), poor)).balance).toBe(-1_000);
    expect(await keyRow(store(), key)).toEqual({ used: 30_000, reserved: 0 });
    expect((await verifyLedger(store())).mismatches).toEqual([]);
  });
});
