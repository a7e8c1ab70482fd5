import type { Store } from '../store/database.js';
import type { HoldsOutstanding } from './platform-gauges.js';

/** This process's reservations (holds of requests in flight), counted and summed in one query. */
export async function holdsOutstanding(store: Store, instanceId: string): Promise<HoldsOutstanding> {
  const row = await store.db
    .selectFrom('reservations')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('count'),
      eb.fn.sum<string | number | null>('amount').as('amount'),
    ])
    .where('instance_id', '=', instanceId)
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), amount: Number(row?.amount ?? 0) };
}
