/**
 * Plan holds left behind by a process that died, released by the same rule as balance
 * reservations (billing/orphan-sweep.ts): its instance has not heart-beaten for `orphanAfterMs`
 * or is gone; released without counting anything (nothing can be proven delivered). Job holds
 * (JOB_HOLDER) belong to their job and are left alone.
 */
import { JOB_HOLDER } from '../billing/job-holder.js';
import type { Store } from '../store/database.js';
import { finishPlanHold } from './plan-holds.js';

export interface PlanSweepOptions {
  now: number;
  selfInstanceId: string;
  orphanAfterMs: number;
}

export interface PlanSweepResult {
  released: string[];
  /** Units of money the released holds had reserved. */
  releasedUnits: number;
}

export async function sweepPlanOrphans(store: Store, options: PlanSweepOptions): Promise<PlanSweepResult> {
  const heartbeatBefore = options.now - options.orphanAfterMs;
  const candidates = await store.db
    .selectFrom('plan_holds as h')
    .leftJoin('instances as i', 'i.id', 'h.instance_id')
    .select(['h.request_id', 'h.instance_id', 'h.money'])
    .where('h.instance_id', '!=', options.selfInstanceId)
    .where('h.instance_id', '!=', JOB_HOLDER)
    .where((eb) => eb.or([eb('i.id', 'is', null), eb('i.heartbeat_at', '<', heartbeatBefore)]))
    .execute();
  const result: PlanSweepResult = { released: [], releasedUnits: 0 };
  for (const candidate of candidates) {
    // Only if still held by the dead instance: a hold finished meanwhile is simply gone.
    const outcome = await finishPlanHold(store, candidate.request_id, null, candidate.instance_id);
    if (outcome.status === 'finished') {
      result.released.push(candidate.request_id);
      result.releasedUnits += Number(candidate.money);
    }
  }
  return result;
}
