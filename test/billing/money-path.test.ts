import { afterAll, expect, it } from 'vitest';
import type { Ledger } from '../../src/billing/ledger.js';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { isGatewayError } from '../../src/ir/index.js';
import { describeEachDialect } from '../db-harness.js';
import { createKey, createUser, keyRow, ledgerCount, startLedger, userRow } from './billing-fixtures.js';
import { testCharge } from './reason-fixture.js';

/**
 * The money path groups moves into one transaction: on SQLite the moves of one event-loop turn, on
 * PostgreSQL the moves asked for while another is in flight (one `aihub_money_batch` statement).
 * These cases start many moves in the same turn, so they share a batch: each must still be
 * decided alone.
 */
describeEachDialect('money path: moves started together are decided one by one', (store) => {
  const ledgers: Ledger[] = [];
  afterAll(async () => {
    for (const l of ledgers) await l.stop();
  });
  const ledger = async () => {
    const started = await startLedger(store(), { overdraft: 0 });
    ledgers.push(started);
    return started;
  };

  it('a refusal in the middle of a batch rolls back only its own hold', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 4_000 });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        l.reserve({ requestId: `mp_a${i}`, userId: user, keyId: null, amount: 1_000 }),
      ),
    );
    const held = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter(
      (r) => r.status === 'rejected' && isGatewayError(r.reason) && r.reason.code === 'insufficient_balance',
    ).length;
    expect({ held, refused }).toEqual({ held: 4, refused: 6 });
    expect(await userRow(store(), user)).toEqual({ balance: 4_000, reserved: 4_000 });
  });

  it('a key refused after the user row was updated leaves the user row as it was', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 100_000 });
    const key = await createKey(store(), user, 2_500);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        l.reserve({ requestId: `mp_k${i}`, userId: user, keyId: key, amount: 1_000 }),
      ),
    );
    const codes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { code?: string }).code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(2);
    expect(codes.filter((c) => c === 'key_quota_exceeded')).toHaveLength(3);
    expect(await userRow(store(), user)).toEqual({ balance: 100_000, reserved: 2_000 });
    expect((await keyRow(store(), key)).reserved).toBe(2_000);
  });

  it('settles, releases and refuses side by side, and the ledger reconciles', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 50_000 });
    const key = await createKey(store(), user, null);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        l.reserve({ requestId: `mp_s${i}`, userId: user, keyId: key, amount: 2_000 }),
      ),
    );
    const finished = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? l.settle({ requestId: `mp_s${i}`, cost: 1_000 + i, reason: testCharge() })
          : l.release(`mp_s${i}`),
      ),
    );
    expect(finished.filter((r) => r.status === 'settled')).toHaveLength(10);
    expect(finished.filter((r) => r.status === 'released')).toHaveLength(10);
    // A second finish of any of them, in the same turn, is a no-op.
    const again = await Promise.all(
      Array.from({ length: 20 }, (_, i) => l.settle({ requestId: `mp_s${i}`, cost: 1, reason: testCharge() })),
    );
    expect(again.every((r) => r.status === 'already-settled')).toBe(true);
    const charged = Array.from({ length: 10 }, (_, j) => 1_000 + 2 * j).reduce((a, b) => a + b, 0);
    expect(await userRow(store(), user)).toEqual({ balance: 50_000 - charged, reserved: 0 });
    expect(await keyRow(store(), key)).toMatchObject({ reserved: 0, used: charged });
    expect(await ledgerCount(store(), user)).toBe(11); // the opening credit and ten charges
    expect((await verifyLedger(store())).ok).toBe(true);
  });

  it('a charge repeated under a settled request id is refused inside a batch, and its hold let go', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 10_000 });
    await l.reserve({ requestId: 'mp_dup', userId: user, keyId: null, amount: 1_000 });
    expect(await l.settle({ requestId: 'mp_dup', cost: 700, reason: testCharge() })).toMatchObject({
      status: 'settled',
    });
    // The same id held again (a client retrying with its own id), then settled beside other moves.
    await l.reserve({ requestId: 'mp_dup', userId: user, keyId: null, amount: 1_000 });
    await Promise.all(
      Array.from({ length: 4 }, (_, i) => l.reserve({ requestId: `mp_o${i}`, userId: user, keyId: null, amount: 100 })),
    );
    const [duplicate, ...others] = await Promise.all([
      l.settle({ requestId: 'mp_dup', cost: 700, reason: testCharge() }),
      ...Array.from({ length: 4 }, (_, i) => l.settle({ requestId: `mp_o${i}`, cost: 50, reason: testCharge() })),
    ]);
    expect(duplicate).toEqual({ status: 'already-settled' });
    expect(others.every((r) => r.status === 'settled')).toBe(true);
    expect(await userRow(store(), user)).toEqual({ balance: 10_000 - 700 - 200, reserved: 0 });
    expect(await ledgerCount(store(), user)).toBe(6);
    expect((await verifyLedger(store())).ok).toBe(true);
  });

  it('one request id held twice in the same batch: one hold stands, the other fails, the rest are untouched', async () => {
    const l = await ledger();
    const user = await createUser(store(), { balance: 10_000 });
    const results = await Promise.allSettled([
      l.reserve({ requestId: 'mp_first', userId: user, keyId: null, amount: 100 }),
      l.reserve({ requestId: 'mp_twice', userId: user, keyId: null, amount: 1_000 }),
      l.reserve({ requestId: 'mp_twice', userId: user, keyId: null, amount: 1_000 }),
      l.reserve({ requestId: 'mp_other', userId: user, keyId: null, amount: 500 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await userRow(store(), user)).toEqual({ balance: 10_000, reserved: 1_600 });
    for (const id of ['mp_first', 'mp_twice', 'mp_other']) {
      expect(await l.release(id)).toEqual({ status: 'released' });
    }
    expect(await userRow(store(), user)).toEqual({ balance: 10_000, reserved: 0 });
  });

  it('moves for several users and keys in one batch each land on their own rows', async () => {
    const l = await ledger();
    const users = await Promise.all([1, 2, 3].map(() => createUser(store(), { balance: 5_000 })));
    const keys = await Promise.all(users.map((u) => createKey(store(), u, 1_500)));
    // Interleaved so the batch's (user, key) ordering has work to do.
    const holds = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        l.reserve({ requestId: `mp_m${i}`, userId: users[i % 3] as string, keyId: keys[i % 3] as string, amount: 500 }),
      ),
    );
    expect(holds.filter((r) => r.status === 'fulfilled')).toHaveLength(9); // each key's quota takes 3
    await Promise.all(
      holds.map((r, i) =>
        r.status === 'fulfilled' ? l.settle({ requestId: `mp_m${i}`, cost: 100 + i, reason: testCharge() }) : null,
      ),
    );
    for (const [u, user] of users.entries()) {
      const charged = [0, 1, 2].map((n) => 100 + u + 3 * n).reduce((a, b) => a + b, 0);
      expect(await userRow(store(), user)).toEqual({ balance: 5_000 - charged, reserved: 0 });
      expect(await keyRow(store(), keys[u] as string)).toMatchObject({ reserved: 0, used: charged });
    }
    expect((await verifyLedger(store())).ok).toBe(true);
  });
});
