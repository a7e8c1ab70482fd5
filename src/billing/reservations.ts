/**
 * Letting go of money the careful way, inside the caller's Kysely transaction: the orphan sweep's
 * path (rare, and it re-checks the holder's death in the same statement). The per-request hold,
 * settle and release are money-path-*.ts, with the same rules. Rows are locked in one order
 * everywhere (reservation, user, key) so concurrent transactions on PostgreSQL cannot deadlock.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { JOB_HOLDER } from './job-holder.js';

type Trx = Transaction<Database>;

export interface TakenReservation {
  userId: string;
  keyId: string | null;
  amount: number;
}

/** Only take a reservation whose holder is dead: not us, and no heartbeat since `heartbeatBefore`. */
export interface OrphanCondition {
  heartbeatBefore: number;
  selfInstanceId: string;
}

/**
 * Deletes the reservation and returns what it held, or undefined when it is already gone
 * (settled, released or swept): deleting the row is what makes finishing a request happen once.
 * With `orphan`, the holder's death is re-checked in the same statement, so a holder that came
 * back to life between the sweep's scan and this delete keeps its reservation.
 */
export async function takeReservation(
  trx: Trx,
  requestId: string,
  orphan?: OrphanCondition,
): Promise<TakenReservation | undefined> {
  let query = trx.deleteFrom('reservations').where('id', '=', requestId);
  if (orphan) {
    query = query
      .where('instance_id', '!=', orphan.selfInstanceId)
      .where('instance_id', '!=', JOB_HOLDER)
      .where('instance_id', 'not in', (eb) =>
        eb.selectFrom('instances').select('id').where('heartbeat_at', '>=', orphan.heartbeatBefore),
      );
  }
  const row = await query.returning(['user_id', 'key_id', 'amount']).executeTakeFirst();
  if (!row) return undefined;
  return { userId: row.user_id, keyId: row.key_id, amount: Number(row.amount) };
}

/** Gives the held amount back to the user (and the key), optionally counting `spent` as key usage. */
export async function releaseHold(trx: Trx, held: TakenReservation, spent: number): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({ reserved: eb('reserved', '-', held.amount) }))
    .where('id', '=', held.userId)
    .execute();
  if (held.keyId !== null) {
    await trx
      .updateTable('api_keys')
      .set((eb) => ({ reserved: eb('reserved', '-', held.amount), used: eb('used', '+', spent) }))
      .where('id', '=', held.keyId)
      .execute();
  }
}
