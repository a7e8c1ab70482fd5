import { expect, it } from 'vitest';
import { createUser } from '../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { planInput } from '../../test/plans/plan-fixtures.js';
import { newId } from '../platform/ids.js';
import { PlanCatalog } from './plan-catalog.js';
import { SubscriberSet } from './subscriber-set.js';
import { grantSubscription } from './subscription-grant.js';

describeEachDialect('subscriber set', (store) => {
  it('knows subscribers from the database, keeps a pending grant across reloads until settled or stale', async () => {
    let now = Date.UTC(2026, 0, 5);
    const set = new SubscriberSet(store(), () => now);
    const catalog = new PlanCatalog(store(), { now: () => now, newId });
    const plan = await catalog.create(planInput());
    const holder = await createUser(store());
    const pending = await createUser(store());
    await store()
      .db.transaction()
      .execute((trx) =>
        grantSubscription(
          trx,
          { now, newId },
          { userId: holder, plan, source: 'admin', autoRenew: false, price: 0, note: 'test' },
        ),
      );
    const announced: string[] = [];
    set.onChange(() => announced.push('plans'));
    await set.changed();
    expect(set.has(holder)).toBe(true);
    expect(set.has(pending)).toBe(false);
    expect(announced).toEqual(['plans']);

    // A grant whose transaction has not committed: a reload meanwhile must not forget the user.
    set.add(pending);
    await set.reload();
    expect(set.has(pending)).toBe(true);
    set.settle(pending);
    expect(set.has(pending)).toBe(false);
    set.add(pending);
    now += 5 * 60 * 1000 + 1;
    expect(set.has(pending)).toBe(false);
  });
});
