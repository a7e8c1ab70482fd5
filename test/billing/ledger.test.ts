import { afterAll, expect, it } from 'vitest';
import { Ledger } from '../../src/billing/ledger.js';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { GatewayError } from '../../src/ir/index.js';
import { newId } from '../../src/platform/ids.js';
import { describeEachDialect } from '../db-harness.js';
import {
  createKey,
  createUser,
  keyRow,
  ledgerCount,
  ledgerSum,
  startLedger,
  type TestLedger,
  testClock,
  userRow,
} from './billing-fixtures.js';
import { testCharge, testCredit } from './reason-fixture.js';

async function caught(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describeEachDialect('ledger: reserve, settle, release', (store) => {
  const ledgers: Ledger[] = [];
  const ledger = async (overdraft = 0): Promise<TestLedger> => {
    const started = await startLedger(store(), { overdraft });
    ledgers.push(started);
    return started;
  };
  afterAll(async () => {
    for (const l of ledgers) await l.stop();
  });

  it('holds the worst case, then charges the actual cost and releases the rest', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 10_000 });
    const key = await createKey(store(), user, 50_000);
    await l.reserve({ requestId: 'req_a1', userId: user, keyId: key, amount: 4_000 });
    expect(await userRow(store(), user)).toEqual({ balance: 10_000, reserved: 4_000 });
    expect(await keyRow(store(), key)).toEqual({ used: 0, reserved: 4_000 });

    const result = await l.settle({ requestId: 'req_a1', cost: 1_234, reason: testCharge() });
    expect(result).toEqual({ status: 'settled', charged: 1_234, balanceAfter: 8_766 });
    expect(await userRow(store(), user)).toEqual({ balance: 8_766, reserved: 0 });
    expect(await keyRow(store(), key)).toEqual({ used: 1_234, reserved: 0 });
    const entry = await store()
      .db.selectFrom('ledger_entries')
      .selectAll()
      .where('reference', '=', 'req_a1')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      kind: 'charge',
      key_id: key,
      reason: 'gpt-test via openai: 10 in, 5 out',
      reason_code: 'usage',
    });
    expect(JSON.parse(entry.reason_params ?? '')).toEqual({
      model: 'gpt-test',
      vendor: 'openai',
      usage: { input: 10, output: 5 },
    });
    expect(Number(entry.amount)).toBe(-1_234);
    expect(Number(entry.balance_after)).toBe(8_766);
  });

  it('settles idempotently: a second settle (or release) charges nothing', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 10_000 });
    await l.reserve({ requestId: 'req_idem', userId: user, keyId: null, amount: 3_000 });
    const first = l.settle({ requestId: 'req_idem', cost: 500, reason: testCharge() });
    const second = l.settle({ requestId: 'req_idem', cost: 500, reason: testCharge() });
    const results = await Promise.all([first, second]);
    expect(results.filter((r) => r.status === 'settled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'already-settled')).toHaveLength(1);
    expect(await l.settle({ requestId: 'req_idem', cost: 500, reason: testCharge() })).toEqual({
      status: 'already-settled',
    });
    expect(await l.release('req_idem')).toEqual({ status: 'already-settled' });
    expect(await userRow(store(), user)).toEqual({ balance: 9_500, reserved: 0 });
    expect(await ledgerCount(store(), user)).toBe(2);
  });

  it('never charges a request id twice even if it was reserved twice', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 10_000 });
    await l.reserve({ requestId: 'req_twice', userId: user, keyId: null, amount: 1_000 });
    await l.settle({ requestId: 'req_twice', cost: 700, reason: testCharge() });
    await l.reserve({ requestId: 'req_twice', userId: user, keyId: null, amount: 1_000 });
    expect(await l.settle({ requestId: 'req_twice', cost: 700, reason: testCharge() })).toEqual({
      status: 'already-settled',
    });
    expect(await userRow(store(), user)).toEqual({ balance: 9_300, reserved: 0 });
  });

  it('releases without a charge, and a zero cost writes no ledger entry', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 5_000 });
    const key = await createKey(store(), user, 10_000);
    await l.reserve({ requestId: 'req_rel', userId: user, keyId: key, amount: 5_000 });
    expect(await l.release('req_rel')).toEqual({ status: 'released' });
    await l.reserve({ requestId: 'req_zero', userId: user, keyId: key, amount: 5_000 });
    expect(await l.settle({ requestId: 'req_zero', cost: 0, reason: testCharge() })).toEqual({
      status: 'settled',
      charged: 0,
    });
    expect(await userRow(store(), user)).toEqual({ balance: 5_000, reserved: 0 });
    expect(await keyRow(store(), key)).toEqual({ used: 0, reserved: 0 });
    expect(await ledgerCount(store(), user)).toBe(1);
  });

  it('charges a cost above the reservation only as far as the balance and overdraft allow', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 1_000 });
    await l.reserve({ requestId: 'req_over', userId: user, keyId: null, amount: 1_000 });
    const result = await l.settle({ requestId: 'req_over', cost: 1_300, reason: testCharge(), estimated: true });
    // Overdraft 0: the 300 above the hold would take the balance below zero, so they are not charged.
    expect(result).toEqual({ status: 'settled', charged: 1_000, balanceAfter: 0 });
    const entry = await store()
      .db.selectFrom('ledger_entries')
      .select('reason')
      .where('reference', '=', 'req_over')
      .executeTakeFirstOrThrow();
    expect(entry.reason).toContain('counted by the gateway');
    expect(entry.reason).toContain('300 units above the hold not charged');
  });

  it('refuses a request the balance cannot cover with a 402 naming the amounts, writing nothing', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 120 });
    const key = await createKey(store(), user, null);
    const error = await caught(l.reserve({ requestId: 'req_poor', userId: user, keyId: key, amount: 4_200 }));
    expect(error).toMatchObject({ kind: 'insufficient_quota', status: 402, code: 'insufficient_balance' });
    expect(error.message).toContain('$0.000120');
    expect(error.message).toContain('$0.004200');
    expect(await userRow(store(), user)).toEqual({ balance: 120, reserved: 0 });
    expect(await keyRow(store(), key)).toEqual({ used: 0, reserved: 0 });
    const held = await store().db.selectFrom('reservations').select('id').where('id', '=', 'req_poor').execute();
    expect(held).toEqual([]);
  });

  it('refuses beyond the key quota with a 429 and rolls the user hold back', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 100_000 });
    const key = await createKey(store(), user, 5_000);
    await l.reserve({ requestId: 'req_q1', userId: user, keyId: key, amount: 3_000 });
    const error = await caught(l.reserve({ requestId: 'req_q2', userId: user, keyId: key, amount: 3_000 }));
    expect(error).toMatchObject({ kind: 'insufficient_quota', status: 429, code: 'key_quota_exceeded' });
    expect(await userRow(store(), user)).toEqual({ balance: 100_000, reserved: 3_000 });
    expect(await keyRow(store(), key)).toEqual({ used: 0, reserved: 3_000 });
    // Settled spend counts against the quota too.
    await l.settle({ requestId: 'req_q1', cost: 2_500, reason: testCharge() });
    await expect(l.reserve({ requestId: 'req_q3', userId: user, keyId: key, amount: 2_501 })).rejects.toMatchObject({
      code: 'key_quota_exceeded',
    });
    await l.reserve({ requestId: 'req_q4', userId: user, keyId: key, amount: 2_500 });
    await l.release('req_q4');
  });

  it("refuses a disabled account, an unknown user, and another user's key", async () => {
    const l = await ledger();
    const disabled = await createUser(store(), { balance: 10_000, status: 'disabled' });
    await expect(
      l.reserve({ requestId: newId('req'), userId: disabled, keyId: null, amount: 1 }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'account_disabled',
    });
    await expect(
      l.reserve({ requestId: newId('req'), userId: 'usr_nobody', keyId: null, amount: 1 }),
    ).rejects.toMatchObject({
      status: 401,
      code: 'account_not_found',
    });
    const owner = await createUser(store(), { balance: 10_000 });
    const other = await createUser(store(), { balance: 10_000 });
    const othersKey = await createKey(store(), other, null);
    await expect(
      l.reserve({ requestId: newId('req'), userId: owner, keyId: othersKey, amount: 1 }),
    ).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
    expect(await userRow(store(), owner)).toEqual({ balance: 10_000, reserved: 0 });
  });

  it('honours the overdraft setting, read on every reservation', async () => {
    const l = await ledger(0);
    const user = await createUser(store(), { balance: 1_000 });
    await l.reserve({ requestId: 'req_od1', userId: user, keyId: null, amount: 1_000 });
    await expect(l.reserve({ requestId: 'req_od2', userId: user, keyId: null, amount: 1 })).rejects.toMatchObject({
      code: 'insufficient_balance',
    });
    l.settingsValue.overdraft = 500;
    await l.reserve({ requestId: 'req_od3', userId: user, keyId: null, amount: 500 });
    await expect(l.reserve({ requestId: 'req_od4', userId: user, keyId: null, amount: 1 })).rejects.toMatchObject({
      code: 'insufficient_balance',
    });
    await l.settle({ requestId: 'req_od1', cost: 1_000, reason: testCharge() });
    await l.settle({ requestId: 'req_od3', cost: 500, reason: testCharge() });
    expect(await userRow(store(), user)).toEqual({ balance: -500, reserved: 0 });
  });

  it('does not reserve before start() registered the instance', async () => {
    const l = new Ledger(store(), {
      now: Date.now,
      newId,
      instanceId: newId('ins'),
      settings: { value: { overdraft: 0 } },
    });
    const user = await createUser(store(), { balance: 10 });
    await expect(l.reserve({ requestId: newId('req'), userId: user, keyId: null, amount: 1 })).rejects.toThrow(/start/);
  });

  it('adjusts a balance with a reason and credits top-ups idempotently', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 1_000 });
    const adjust = await l.adjustBalance('usr_admin', user, -400, 'refund reversal');
    expect(adjust.balanceAfter).toBe(600);
    const entry = await store()
      .db.selectFrom('ledger_entries')
      .selectAll()
      .where('reference', '=', adjust.reference)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ kind: 'adjust', reason: 'refund reversal (by usr_admin)' });
    await expect(l.adjustBalance('usr_admin', user, 0, 'x')).rejects.toMatchObject({ status: 400 });
    await expect(l.adjustBalance('usr_admin', user, 5, '  ')).rejects.toMatchObject({ param: 'reason' });
    await expect(l.adjustBalance('usr_admin', 'usr_nobody', 5, 'x')).rejects.toMatchObject({ status: 404 });

    const payments = await Promise.all(
      Array.from({ length: 5 }, () =>
        l.topUp({ userId: user, amount: 2_000, reason: testCredit('Stripe'), reference: 'pi_123' }),
      ),
    );
    expect(payments.filter((p) => p.status === 'credited')).toHaveLength(1);
    expect(await userRow(store(), user)).toEqual({ balance: 2_600, reserved: 0 });
    expect(await ledgerSum(store(), user)).toBe(2_600);
  });
});

describeEachDialect('ledger: concurrency', (store, dialect) => {
  it('300 parallel reserve+settle cycles never overdraw and reconcile exactly', async () => {
    const overdraft = 2_000;
    const l = await startLedger(store(), { overdraft });
    // Enough for ~40 worst cases of 1,000 units; each request really costs 997.
    const user = await createUser(store(), { balance: 40_000 });
    const key = await createKey(store(), user, null);
    let successes = 0;
    let refusals = 0;
    let lowest = Number.POSITIVE_INFINITY;
    const cycle = async (i: number) => {
      const requestId = `req_c${i}`;
      try {
        await l.reserve({ requestId, userId: user, keyId: key, amount: 1_000 });
      } catch (error) {
        expect(error).toMatchObject({ code: 'insufficient_balance' });
        refusals++;
        return;
      }
      successes++;
      // Let other reservations interleave while this one is "upstream".
      await new Promise((resolve) => setTimeout(resolve, i % 7));
      const result = await l.settle({ requestId, cost: 997, reason: testCharge() });
      if (result.status === 'settled' && result.balanceAfter !== undefined)
        lowest = Math.min(lowest, result.balanceAfter);
    };
    await Promise.all(Array.from({ length: 300 }, (_, i) => cycle(i)));

    expect(successes + refusals).toBe(300);
    // 40,000 + 2,000 overdraft covers at most 42 worst cases at a time; all settle at 997.
    expect(successes).toBeGreaterThanOrEqual(42);
    expect(lowest).toBeGreaterThanOrEqual(-overdraft);
    const row = await userRow(store(), user);
    expect(row.reserved).toBe(0);
    expect(row.balance).toBe(40_000 - successes * 997);
    expect(row.balance).toBeGreaterThanOrEqual(-overdraft);
    expect(row.balance).toBe(await ledgerSum(store(), user));
    expect(await keyRow(store(), key)).toEqual({ used: successes * 997, reserved: 0 });
    const report = await verifyLedger(store());
    expect(report.mismatches).toEqual([]);
    await l.stop();
    void dialect;
  });

  it('with all requests in flight at once, at most balance+overdraft worth is ever held', async () => {
    const l = await startLedger(store(), { overdraft: 0 });
    const user = await createUser(store(), { balance: 40_000 });
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) =>
        l.reserve({ requestId: `req_hold${i}`, userId: user, keyId: null, amount: 1_000 }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(40);
    expect(await userRow(store(), user)).toEqual({ balance: 40_000, reserved: 40_000 });
    await Promise.all(results.map((_, i) => l.release(`req_hold${i}`)));
    expect(await userRow(store(), user)).toEqual({ balance: 40_000, reserved: 0 });
    await l.stop();
  });
});

describeEachDialect('ledger: orphaned reservations and verification', (store) => {
  it('releases, without charge, reservations of an instance that stopped heart-beating for 60 s', async () => {
    const clock = testClock();
    const dead = await startLedger(store(), { now: clock.now, instanceId: newId('ins') });
    const alive = await startLedger(store(), { now: clock.now, instanceId: newId('ins') });
    const user = await createUser(store(), { balance: 10_000 });
    const key = await createKey(store(), user, 20_000);
    // Settled before the "crash": must survive.
    await dead.reserve({ requestId: 'req_done', userId: user, keyId: key, amount: 2_000 });
    await dead.settle({ requestId: 'req_done', cost: 1_500, reason: testCharge() });
    await dead.reserve({ requestId: 'req_inflight', userId: user, keyId: key, amount: 3_000 });
    await alive.reserve({ requestId: 'req_mine', userId: user, keyId: key, amount: 1_000 });
    await dead.stop(); // timers stop; its row stays because it still holds a reservation

    clock.advance(59_000);
    await alive.heartbeat();
    expect((await alive.sweepOrphans()).released).toEqual([]);

    clock.advance(2_000);
    // The sweeper's own reservation is never swept, even if its clock says its beat is stale.
    const sweep = await alive.sweepOrphans();
    expect(sweep).toEqual({ released: ['req_inflight'], releasedUnits: 3_000 });
    expect(await userRow(store(), user)).toEqual({ balance: 8_500, reserved: 1_000 });
    expect(await keyRow(store(), key)).toEqual({ used: 1_500, reserved: 1_000 });
    // The dead instance, were it to wake up, cannot charge what was released.
    expect(await dead.settle({ requestId: 'req_inflight', cost: 100, reason: testCharge() })).toEqual({
      status: 'already-settled',
    });
    await alive.release('req_mine');
    expect((await verifyLedger(store())).mismatches).toEqual([]);
    await alive.stop();
  });

  it('releases reservations whose instance row is missing, at start-up', async () => {
    const user = await createUser(store(), { balance: 10_000 });
    await store().db.updateTable('users').set({ reserved: 700 }).where('id', '=', user).execute();
    await store()
      .db.insertInto('reservations')
      .values({ id: 'req_ghost', user_id: user, key_id: null, amount: 700, instance_id: 'ins_gone', created_at: 1 })
      .execute();
    const l = await startLedger(store());
    expect(await userRow(store(), user)).toEqual({ balance: 10_000, reserved: 0 });
    await l.stop();
  });

  it('a holder that beats again before the delete keeps its reservation', async () => {
    const clock = testClock();
    const slow = await startLedger(store(), { now: clock.now });
    const sweeper = await startLedger(store(), { now: clock.now });
    const user = await createUser(store(), { balance: 10_000 });
    await slow.reserve({ requestId: 'req_slow', userId: user, keyId: null, amount: 100 });
    clock.advance(61_000);
    await slow.heartbeat(); // it was only paused
    expect((await sweeper.sweepOrphans()).released).toEqual([]);
    expect(await slow.settle({ requestId: 'req_slow', cost: 100, reason: testCharge() })).toMatchObject({
      status: 'settled',
    });
    await slow.stop();
    await sweeper.stop();
  });

  it('verifyLedger detects a tampered balance, a stray hold and a key mismatch', async () => {
    const user = await createUser(store(), { balance: 5_000 });
    const key = await createKey(store(), user, null);
    const before = await verifyLedger(store());
    expect(before.mismatches.filter((m) => m.userId === user)).toEqual([]);
    await store().db.updateTable('users').set({ balance: 6_000, reserved: 5 }).where('id', '=', user).execute();
    await store().db.updateTable('api_keys').set({ reserved: 9 }).where('id', '=', key).execute();
    const report = await verifyLedger(store());
    expect(report.ok).toBe(false);
    expect(report.mismatches.filter((m) => m.userId === user)).toEqual([
      { kind: 'user_balance', userId: user, stored: 6_000, expected: 5_000 },
      { kind: 'user_reserved', userId: user, stored: 5, expected: 0 },
      { kind: 'key_reserved', userId: user, keyId: key, stored: 9, expected: 0 },
    ]);
    // Put it back so later suites in this store reconcile.
    await store().db.updateTable('users').set({ balance: 5_000, reserved: 0 }).where('id', '=', user).execute();
    await store().db.updateTable('api_keys').set({ reserved: 0 }).where('id', '=', key).execute();
  });
});
