/**
 * Resolves reservations left behind by a process that died (kill -9, power loss, OOM).
 *
 * THE RULE: a reservation is orphaned when its instance has not heart-beaten for `orphanAfterMs`
 * (default 60 s; instances beat every 10 s) or its instance row is missing. An orphaned
 * reservation is RELEASED WITHOUT CHARGE. Rationale: whatever was in flight when a process died
 * cannot be proven delivered (the client most likely saw a cut connection), and every charge
 * that was settled before the crash is already committed in the ledger, so nothing settled is
 * lost and nothing is held forever. The cost of the rule is at most one unbilled request per
 * in-flight request at the moment of a crash, which is the operator's loss, never the user's.
 */
import type { Store } from '../store/database.js';
import { JOB_HOLDER } from './job-holder.js';
import { releaseHold, takeReservation } from './reservations.js';

export interface SweepOptions {
  now: number;
  selfInstanceId: string;
  orphanAfterMs: number;
  /** Instance rows this long dead, holding nothing, are deleted (tidiness only). */
  forgetInstancesAfterMs: number;
}

export interface SweepResult {
  /** Request ids whose reservations were released. */
  released: string[];
  releasedUnits: number;
}

export async function sweepOrphans(store: Store, options: SweepOptions): Promise<SweepResult> {
  const heartbeatBefore = options.now - options.orphanAfterMs;
  const candidates = await store.db
    .selectFrom('reservations as r')
    .leftJoin('instances as i', 'i.id', 'r.instance_id')
    .select('r.id')
    .where('r.instance_id', '!=', options.selfInstanceId)
    // A job's hold lives as long as its job, whichever process polls it.
    .where('r.instance_id', '!=', JOB_HOLDER)
    .where((eb) => eb.or([eb('i.id', 'is', null), eb('i.heartbeat_at', '<', heartbeatBefore)]))
    .execute();

  const result: SweepResult = { released: [], releasedUnits: 0 };
  // One transaction per reservation: a sweep never holds many locks, and a reservation settled
  // meanwhile by its (alive after all) holder is simply skipped.
  for (const { id } of candidates) {
    const held = await store.db.transaction().execute(async (trx) => {
      const taken = await takeReservation(trx, id, { heartbeatBefore, selfInstanceId: options.selfInstanceId });
      if (taken) await releaseHold(trx, taken, 0);
      return taken;
    });
    if (held) {
      result.released.push(id);
      result.releasedUnits += held.amount;
    }
  }

  const forgetBefore = options.now - options.forgetInstancesAfterMs;
  await store.db
    .deleteFrom('instances')
    .where('heartbeat_at', '<', forgetBefore)
    .where('id', '!=', options.selfInstanceId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reservations')
            .select('reservations.id')
            .whereRef('reservations.instance_id', '=', 'instances.id'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('plan_holds')
            .select('plan_holds.request_id')
            .whereRef('plan_holds.instance_id', '=', 'instances.id'),
        ),
      ),
    )
    .execute();
  return result;
}
