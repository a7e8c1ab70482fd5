import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import {
  accountDisabledError,
  accountNotFoundError,
  insufficientBalanceError,
  keyNotFoundError,
  keyQuotaExceededError,
} from './billing-errors.js';
import { describeLedgerReason, type LedgerReason, withUncollected } from './ledger-reason.js';
import type { FinishOutcome, FinishRequest, HoldRequest, MoneyPath } from './money-path-types.js';

interface ReservationRow {
  user_id: string;
  key_id: string | null;
  amount: number;
}

interface Queued {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

/**
 * SQLite: statements prepared once and run synchronously on the driver, with group commit: the
 * moves requested during one turn of the event loop run in ONE transaction (BEGIN IMMEDIATE, so
 * the write lock is taken up front and two processes on one file never deadlock upgrading a read
 * lock), each inside its own savepoint, so a refusal rolls back only its own move. Every promise
 * resolves after the COMMIT, so what a caller was told is on disk (WAL, synchronous=NORMAL:
 * durable across a process crash). The batch runs while Kysely's connection mutex is held, so
 * no Kysely transaction can be open across an await on the same connection.
 *
 * Why batch: the commit, not the statements, is the cost. On the benchmark's machine a hold and a
 * settle in their own transactions take ~85 µs; in batches of 25 (concurrency 50), ~20 µs
 * (`bench/README.md`, "money path"). Through Kysely they took ~560 µs.
 */
export class MoneyPathSqlite implements MoneyPath {
  private readonly holdTx: (input: HoldRequest) => void;
  private readonly finishTx: (input: FinishRequest) => FinishOutcome;
  private readonly batchTx: (batch: Queued[]) => void;
  private queue: Queued[] = [];
  private flushScheduled = false;

  constructor(
    private readonly db: Kysely<Database>,
    connection: SQLite.Database,
  ) {
    const holdUser = connection.prepare<[{ amount: number; userId: string; overdraft: number }]>(
      `UPDATE users SET reserved = reserved + @amount
       WHERE id = @userId AND status = 'active' AND balance - reserved - @amount >= -@overdraft`,
    );
    const holdKey = connection.prepare<[{ amount: number; keyId: string; userId: string }]>(
      `UPDATE api_keys SET reserved = reserved + @amount
       WHERE id = @keyId AND user_id = @userId AND (quota IS NULL OR quota - used - reserved - @amount >= 0)`,
    );
    const insertReservation = connection.prepare<[string, string, string | null, number, string, number]>(
      `INSERT INTO reservations (id, user_id, key_id, amount, instance_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const userState = connection.prepare<[string], { balance: number; reserved: number; status: string }>(
      `SELECT balance, reserved, status FROM users WHERE id = ?`,
    );
    const keyState = connection.prepare<
      [string],
      { quota: number | null; used: number; reserved: number; user_id: string }
    >(`SELECT quota, used, reserved, user_id FROM api_keys WHERE id = ?`);
    const takeReservation = connection.prepare<[string], ReservationRow>(
      `DELETE FROM reservations WHERE id = ? RETURNING user_id, key_id, amount`,
    );
    const chargeExists = connection.prepare<[string]>(
      `SELECT 1 FROM ledger_entries WHERE kind = 'charge' AND reference = ?`,
    );
    const releaseUser = connection.prepare<
      [{ held: number; cost: number; at: number; userId: string }],
      { balance: number }
    >(
      `UPDATE users SET reserved = reserved - @held, balance = balance - @cost,
         updated_at = CASE WHEN @cost > 0 THEN @at ELSE updated_at END
       WHERE id = @userId RETURNING balance`,
    );
    const releaseKey = connection.prepare<[{ held: number; cost: number; keyId: string }]>(
      `UPDATE api_keys SET reserved = reserved - @held, used = used + @cost WHERE id = @keyId`,
    );
    const insertCharge = connection.prepare<
      [string, string, number, string, string, string, string, string | null, number, number]
    >(
      `INSERT INTO ledger_entries
         (id, user_id, amount, kind, reason, reason_code, reason_params, reference, key_id, balance_after, created_at)
       VALUES (?, ?, ?, 'charge', ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Free room besides the hold being finished (its amount is still in `reserved`).
    const userFree = connection.prepare<[number, string], { free: number }>(
      `SELECT balance - reserved + ? AS free FROM users WHERE id = ?`,
    );
    const keyFree = connection.prepare<[string], { free: number | null }>(
      `SELECT quota - used - reserved AS free FROM api_keys WHERE id = ?`,
    );
    const insertOverrun = connection.prepare<[string, string, string | null, number, number, number, number]>(
      `INSERT INTO billing_overruns (request_id, user_id, key_id, held, cost, charged, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING`,
    );
    /** The overrun rule (money-path.ts): the excess only as far as the free room allows. */
    const chargeFor = (input: FinishRequest, held: ReservationRow): number => {
      if (input.cost <= held.amount) return input.cost;
      let free = Math.max(0, userFree.get(input.overdraft, held.user_id)?.free ?? 0);
      if (held.key_id !== null) {
        const key = keyFree.get(held.key_id);
        if (key && key.free !== null) free = Math.min(free, Math.max(0, key.free));
      }
      const charged = held.amount + Math.min(input.cost - held.amount, free);
      insertOverrun.run(input.requestId, held.user_id, held.key_id, held.amount, input.cost, charged, input.at);
      return charged;
    };

    this.holdTx = connection.transaction((input: HoldRequest) => {
      if (holdUser.run({ amount: input.amount, userId: input.userId, overdraft: input.overdraft }).changes === 0) {
        const row = userState.get(input.userId);
        if (!row) throw accountNotFoundError();
        if (row.status !== 'active') throw accountDisabledError();
        throw insufficientBalanceError(row.balance, row.reserved, input.overdraft, input.amount);
      }
      if (
        input.keyId !== null &&
        holdKey.run({ amount: input.amount, keyId: input.keyId, userId: input.userId }).changes === 0
      ) {
        const row = keyState.get(input.keyId);
        if (!row || row.user_id !== input.userId) throw keyNotFoundError();
        throw keyQuotaExceededError(row.quota ?? 0, row.used, row.reserved, input.amount);
      }
      insertReservation.run(
        input.requestId,
        input.userId,
        input.keyId,
        input.amount,
        input.instanceId,
        input.createdAt,
      );
    });

    // A throw inside rolls this move back to its savepoint, so the duplicate case leaves the
    // reservation in place for the careful path to resolve.
    this.finishTx = connection.transaction((input: FinishRequest): FinishOutcome => {
      const held = takeReservation.get(input.requestId);
      if (!held) return { status: 'gone' };
      if (input.cost > 0 && chargeExists.get(input.requestId)) throw new DuplicateCharge();
      const cost = chargeFor(input, held);
      const user = releaseUser.get({ held: held.amount, cost, at: input.at, userId: held.user_id });
      if (held.key_id !== null) releaseKey.run({ held: held.amount, cost, keyId: held.key_id });
      if (cost === 0 || !user) return { status: 'finished', charged: cost };
      const reason = withUncollected(chargeReason(input), input.cost - cost);
      insertCharge.run(
        input.entryId,
        held.user_id,
        -cost,
        describeLedgerReason(reason),
        reason.code,
        JSON.stringify(reason.params),
        input.requestId,
        held.key_id,
        user.balance,
        input.at,
      );
      return { status: 'finished', charged: cost, balanceAfter: user.balance };
    });

    // Each move's outcome is recorded rather than thrown, so one refusal does not abort the batch.
    this.batchTx = connection.transaction((batch: Queued[]) => {
      for (const item of batch) {
        try {
          item.outcome = { ok: true, value: item.run() };
        } catch (error) {
          item.outcome = { ok: false, error };
        }
      }
    }).immediate;
  }

  hold(input: HoldRequest): Promise<void> {
    return this.enqueue(() => this.holdTx(input));
  }

  async finish(input: FinishRequest): Promise<FinishOutcome> {
    try {
      return await this.enqueue(() => this.finishTx(input));
    } catch (error) {
      if (error instanceof DuplicateCharge) return { status: 'duplicate-charge' };
      throw error;
    }
  }

  private enqueue<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    try {
      await this.db.connection().execute(async () => this.batchTx(batch));
    } catch (error) {
      // BEGIN or COMMIT failed (another process holds the file past busy_timeout, disk full):
      // nothing of the batch was written.
      for (const item of batch) item.reject(error);
      return;
    }
    for (const { outcome, resolve, reject } of batch) {
      if (outcome?.ok) resolve(outcome.value);
      else reject(outcome ? outcome.error : new Error('The money path batch skipped a move.'));
    }
  }
}

class DuplicateCharge extends Error {}

/** A charge's reason: every finish with a cost has one (ledger.ts), so its absence is a bug. */
export function chargeReason(input: FinishRequest): LedgerReason {
  if (!input.reason) throw new Error(`The charge for ${input.requestId} has no ledger reason.`);
  return input.reason;
}
