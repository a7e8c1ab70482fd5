/**
 * What subscription plans cost a user WITHOUT a subscription on the balance hot path: reserve +
 * settle cycles on a real SQLite file, concurrency 50, with the ledger's plan meter attached and
 * without it, alternating rounds. Run: `npx tsx bench/plans-hot-path.ts [cycles]`.
 * (The extra work is one in-memory Set lookup per reserve and one per settle.) A last round draws
 * the same cycles from a subscription, for scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ledger } from '../src/billing/ledger.js';
import { appendLedgerEntry } from '../src/billing/ledger-write.js';
import { PlanService } from '../src/plans/plan-service.js';
import { newId } from '../src/platform/ids.js';
import { openStore } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { testCharge, testCredit } from '../test/billing/reason-fixture.js';

const cycles = Number(process.argv[2] ?? 20_000);
const concurrency = 50;
const dir = mkdtempSync(join(tmpdir(), 'aihub-plans-bench-'));
const store = await openStore({ url: `sqlite:${join(dir, 'bench.sqlite')}`, dataDir: dir });
await migrateToLatest(store.db);
const userId = newId('usr');
await store.db.transaction().execute(async (trx) => {
  await trx
    .insertInto('users')
    .values({
      id: userId,
      email: 'bench@example.test',
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
  await appendLedgerEntry(trx, {
    id: newId('led'),
    userId,
    amount: 1e15,
    kind: 'topup',
    reason: testCredit('bench'),
    reference: 'bench',
    createdAt: 1,
  });
});

const settings = { value: { overdraft: 0, planTimezone: 'UTC' } };
const plans = new PlanService({ store, now: Date.now, newId, settings });
await plans.start();
const withPlans = new Ledger(store, { now: Date.now, newId, instanceId: newId('ins'), settings, plans: plans.meter });
const without = new Ledger(store, { now: Date.now, newId, instanceId: newId('ins'), settings });
await withPlans.start();
await without.start();

async function round(ledger: Ledger): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cycles) {
        next++;
        const requestId = newId('req');
        await ledger.reserve({ requestId, userId, keyId: null, amount: 5_000, model: 'gpt-4o', tokens: 2_000 });
        await ledger.settle({ requestId, cost: 1_234, reason: testCharge(), tokens: 900 });
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1000 / cycles;
}

const results: Record<string, number[]> = { without: [], withPlans: [] };
for (let i = 0; i < 3; i++) {
  results.without?.push(await round(without));
  results.withPlans?.push(await round(withPlans));
}
// For scale: the same cycles drawing from a subscription's windows (5-hour and week, money).
const plan = await plans.catalog.create({
  name: 'bench',
  price: 0,
  period: { kind: 'month' },
  models: ['*'],
  allowances: { five_hour: { unit: 'money', limit: 1e15 }, week: { unit: 'money', limit: 1e15 } },
});
await plans.grant('usr_bench', { userId, planId: plan.id });
const subscriber = await round(withPlans);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
console.log(
  `reserve+settle, ${cycles} cycles × 3 rounds, concurrency ${concurrency}, SQLite:\n` +
    `  without plans:            median ${median(results.without ?? []).toFixed(1)} µs/cycle (${results.without?.map((v) => v.toFixed(1)).join(', ')})\n` +
    `  plans, user subscribes to none: median ${median(results.withPlans ?? []).toFixed(1)} µs/cycle (${results.withPlans?.map((v) => v.toFixed(1)).join(', ')})\n` +
    `  drawing from a subscription:    ${subscriber.toFixed(1)} µs/cycle`,
);
plans.stop();
await withPlans.stop();
await without.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
