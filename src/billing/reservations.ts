/**
 * The SQL of holding and letting go of money, always inside the caller's transaction. Rows are
 * locked in one order everywhere (reservation, user, key) so concurrent transactions on
 * PostgreSQL cannot deadlock.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import {
  accountDisabledError,
  accountNotFoundError,
  insufficientBalanceError,
  keyNotFoundError,
  keyQuotaExceededError,
} from './billing-errors.js';

type Trx = Transaction<Database>;

export interface HoldInput {
  requestId: string;
  userId: string;
  keyId: string | null;
  amount: number;
  overdraft: number;
  instanceId: string;
  createdAt: number;
}

/**
 * Holds `amount` against the user's balance and the key's quota, and records the reservation.
 * Each check is part of its UPDATE's WHERE clause, so the database decides atomically (a row lock
 * on PostgreSQL, the single writer on SQLite): two requests can never both pass on the same money.
 * Throws a GatewayError naming the reason; the caller's transaction then rolls back whole.
 */
export async function holdFunds(trx: Trx, input: HoldInput): Promise<void> {
  const user = await trx
    .updateTable('users')
    .set((eb) => ({ reserved: eb('reserved', '+', input.amount) }))
    .where('id', '=', input.userId)
    .where('status', '=', 'active')
    .where(sql<boolean>`balance - reserved - ${input.amount} >= ${-input.overdraft}`)
    .executeTakeFirst();
  if (user.numUpdatedRows === 0n) await explainUserRefusal(trx, input);

  if (input.keyId !== null) {
    const key = await trx
      .updateTable('api_keys')
      .set((eb) => ({ reserved: eb('reserved', '+', input.amount) }))
      .where('id', '=', input.keyId)
      .where('user_id', '=', input.userId)
      .where((eb) => eb.or([eb('quota', 'is', null), sql<boolean>`quota - used - reserved - ${input.amount} >= 0`]))
      .executeTakeFirst();
    if (key.numUpdatedRows === 0n) await explainKeyRefusal(trx, input);
  }

  await trx
    .insertInto('reservations')
    .values({
      id: input.requestId,
      user_id: input.userId,
      key_id: input.keyId,
      amount: input.amount,
      instance_id: input.instanceId,
      created_at: input.createdAt,
    })
    .execute();
}

async function explainUserRefusal(trx: Trx, input: HoldInput): Promise<never> {
  const row = await trx
    .selectFrom('users')
    .select(['balance', 'reserved', 'status'])
    .where('id', '=', input.userId)
    .executeTakeFirst();
  if (!row) throw accountNotFoundError();
  if (row.status !== 'active') throw accountDisabledError();
  throw insufficientBalanceError(Number(row.balance), Number(row.reserved), input.overdraft, input.amount);
}

async function explainKeyRefusal(trx: Trx, input: HoldInput): Promise<never> {
  const row = await trx
    .selectFrom('api_keys')
    .select(['quota', 'used', 'reserved', 'user_id'])
    .where('id', '=', input.keyId as string)
    .executeTakeFirst();
  if (!row || row.user_id !== input.userId) throw keyNotFoundError();
  throw keyQuotaExceededError(Number(row.quota), Number(row.used), Number(row.reserved), input.amount);
}

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
