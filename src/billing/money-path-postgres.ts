import type pg from 'pg';
import {
  accountDisabledError,
  accountNotFoundError,
  insufficientBalanceError,
  keyNotFoundError,
  keyQuotaExceededError,
} from './billing-errors.js';
import type { FinishOutcome, FinishRequest, HoldRequest, MoneyPath } from './money-path-types.js';

/** What `aihub_hold` raises when the key's quota refuses after the user's row was updated. */
const KEY_REFUSED = 'aihub_hold_key_refused';
const UNIQUE_VIOLATION = '23505';

type BatchOutcome = { outcome: string; balance: string | null };

/** A hold or a finish waiting for its batch, with the caller's promise. */
type QueuedMove = ({ hold: HoldRequest; finish?: undefined } | { hold?: undefined; finish: FinishRequest }) & {
  resolve: (value: BatchOutcome) => void;
  reject: (error: unknown) => void;
};

/**
 * PostgreSQL, with group commit: a move asked for while no other is in flight goes alone, as ONE
 * statement (one round trip, its own implicit transaction); the moves asked for while one is in
 * flight wait for it and then go together as one `aihub_money_batch` statement (migration 0005),
 * one transaction and one commit for all of them. One batch at a time per process, so a process
 * never queues behind its own locks on a shared balance row.
 *
 * Why: one statement per move put every request's hold and settle in line for the balance row's
 * lock and another statement's commit. At concurrency 50 on the benchmark's machine each move
 * waited ~10 ms and PostgreSQL spent ~1.3 ms of CPU a request (pg_stat_statements; bench/README.md,
 * "third run", has the before and after).
 *
 * Holding alone needs a refusal on the key's row to undo the user's, which a plain statement
 * cannot do: that is `aihub_hold` (migration 0004), which raises, rolling the statement back.
 * Finishing alone never refuses, so it is a chain of data-modifying CTEs. When a batch fails as a
 * whole (a repeated request id, a deadlock with a writer outside the money path) nothing of it was
 * written, and its moves run again one by one, each with its own outcome. Statements are named,
 * so each pooled connection parses them once.
 */
export class MoneyPathPostgres implements MoneyPath {
  private queue: QueuedMove[] = [];
  private inFlight = false;

  constructor(private readonly pool: pg.Pool) {}

  async hold(input: HoldRequest): Promise<void> {
    const { outcome } = await this.enqueue({ hold: input });
    if (outcome === 'ok') return;
    if (outcome === 'user') throw await this.explainUser(input);
    if (outcome === 'key') throw await this.explainKey(input);
    throw new Error(`The money path answered '${outcome}' to a hold.`);
  }

  async finish(input: FinishRequest): Promise<FinishOutcome> {
    const { outcome, balance } = await this.enqueue({ finish: input });
    if (outcome === 'gone') return { status: 'gone' };
    if (outcome === 'duplicate-charge') return { status: 'duplicate-charge' };
    if (outcome !== 'finished') throw new Error(`The money path answered '${outcome}' to a finish.`);
    return input.cost > 0 && balance !== null
      ? { status: 'finished', balanceAfter: Number(balance) }
      : { status: 'finished' };
  }

  private enqueue(move: { hold: HoldRequest } | { finish: FinishRequest }): Promise<BatchOutcome> {
    return new Promise<BatchOutcome>((resolve, reject) => {
      this.queue.push({ ...move, resolve, reject } as QueuedMove);
      if (!this.inFlight) void this.drain();
    });
  }

  /** Sends what is queued, then what was queued meanwhile, until the queue is empty. */
  private async drain(): Promise<void> {
    this.inFlight = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      if (batch.length === 1) await this.runAlone(batch[0] as QueuedMove);
      else await this.runBatch(batch);
    }
    this.inFlight = false;
  }

  private async runBatch(batch: QueuedMove[]): Promise<void> {
    let rows: { outcomes: (string | null)[]; balances: (string | null)[] } | undefined;
    try {
      const result = await this.pool.query<{ outcomes: (string | null)[]; balances: (string | null)[] }>({
        name: 'aihub_money_batch',
        text: 'SELECT outcomes, balances FROM aihub_money_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        values: batchColumns(batch),
      });
      rows = result.rows[0];
    } catch (error) {
      // A refusal from PostgreSQL itself (it has an SQLSTATE): the batch rolled back whole, so
      // each move can be tried again alone. Anything else (the connection went away) may or may
      // not have committed, and is reported to every caller as it is.
      if (typeof (error as { code?: unknown }).code !== 'string') {
        for (const move of batch) move.reject(error);
        return;
      }
      // In the order they were asked for, so the first of two clashing moves is the one that stands.
      for (const move of batch) await this.runAlone(move);
      return;
    }
    batch.forEach((move, i) => {
      const outcome = rows?.outcomes[i];
      if (outcome) move.resolve({ outcome, balance: rows?.balances[i] ?? null });
      else move.reject(new Error('The money path batch skipped a move.'));
    });
  }

  private async runAlone(move: QueuedMove): Promise<void> {
    try {
      move.resolve(move.hold ? await this.holdAlone(move.hold) : await this.finishAlone(move.finish));
    } catch (error) {
      move.reject(error);
    }
  }

  private async holdAlone(input: HoldRequest): Promise<BatchOutcome> {
    try {
      const result = await this.pool.query<{ outcome: string }>({
        name: 'aihub_hold',
        text: 'SELECT aihub_hold($1, $2, $3, $4, $5, $6, $7) AS outcome',
        values: [
          input.requestId,
          input.userId,
          input.keyId,
          input.amount,
          input.overdraft,
          input.instanceId,
          input.createdAt,
        ],
      });
      return { outcome: result.rows[0]?.outcome ?? '', balance: null };
    } catch (error) {
      if ((error as { message?: string }).message !== KEY_REFUSED) throw error;
      return { outcome: 'key', balance: null };
    }
  }

  private async finishAlone(input: FinishRequest): Promise<BatchOutcome> {
    try {
      const result = await this.pool.query<{ user_id: string; balance: string }>({
        name: 'aihub_finish',
        text: FINISH_SQL,
        values: [input.requestId, input.cost, input.at, input.entryId, input.reason],
      });
      const row = result.rows[0];
      return row ? { outcome: 'finished', balance: row.balance } : { outcome: 'gone', balance: null };
    } catch (error) {
      // (kind, reference) is unique: a second charge for one request id rolled the statement back.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return { outcome: 'duplicate-charge', balance: null };
      throw error;
    }
  }

  private async explainUser(input: HoldRequest): Promise<Error> {
    const { rows } = await this.pool.query<{ balance: number; reserved: number; status: string }>({
      name: 'aihub_user_state',
      text: 'SELECT balance, reserved, status FROM users WHERE id = $1',
      values: [input.userId],
    });
    const row = rows[0];
    if (!row) return accountNotFoundError();
    if (row.status !== 'active') return accountDisabledError();
    return insufficientBalanceError(Number(row.balance), Number(row.reserved), input.overdraft, input.amount);
  }

  private async explainKey(input: HoldRequest): Promise<Error> {
    const { rows } = await this.pool.query<{ quota: number | null; used: number; reserved: number; user_id: string }>({
      name: 'aihub_key_state',
      text: 'SELECT quota, used, reserved, user_id FROM api_keys WHERE id = $1',
      values: [input.keyId],
    });
    const row = rows[0];
    if (!row || row.user_id !== input.userId) return keyNotFoundError();
    return keyQuotaExceededError(Number(row.quota ?? 0), Number(row.used), Number(row.reserved), input.amount);
  }
}

/**
 * Take the reservation ($1), give back what it held, charge $2 with a ledger entry ($4, $5) at $3.
 * Every CTE sees the statement's snapshot, so the ledger entry's balance is taken from the user
 * UPDATE's RETURNING (the row after this statement's change). No row back: nothing was reserved.
 * `charged_key` and `entry` are not read: PostgreSQL runs every data-modifying CTE to completion
 * whether or not the final SELECT reads it.
 */
const FINISH_SQL = `
WITH taken AS (
  DELETE FROM reservations WHERE id = $1 RETURNING user_id, key_id, amount
), charged_user AS (
  UPDATE users SET reserved = users.reserved - taken.amount, balance = users.balance - $2::bigint,
    updated_at = CASE WHEN $2::bigint > 0 THEN $3::bigint ELSE users.updated_at END
  FROM taken WHERE users.id = taken.user_id
  RETURNING users.id, users.balance
), charged_key AS (
  UPDATE api_keys SET reserved = api_keys.reserved - taken.amount, used = api_keys.used + $2::bigint
  FROM taken WHERE api_keys.id = taken.key_id
  RETURNING api_keys.id
), entry AS (
  INSERT INTO ledger_entries (id, user_id, amount, kind, reason, reference, key_id, balance_after, created_at)
  SELECT $4, charged_user.id, -$2::bigint, 'charge', $5, $1, taken.key_id, charged_user.balance, $3::bigint
  FROM charged_user, taken WHERE $2::bigint > 0
  RETURNING id
)
SELECT taken.user_id, charged_user.balance
FROM taken JOIN charged_user ON charged_user.id = taken.user_id`;

/** The batch's moves as the ten parallel arrays `aihub_money_batch` takes. */
function batchColumns(batch: QueuedMove[]): unknown[] {
  const columns: unknown[][] = Array.from({ length: 10 }, () => new Array(batch.length));
  batch.forEach((move, i) => {
    const hold = move.hold;
    const finish = move.finish;
    const row = hold
      ? [
          'h',
          hold.requestId,
          hold.userId,
          hold.keyId,
          hold.amount,
          hold.overdraft,
          hold.instanceId,
          hold.createdAt,
          null,
          null,
        ]
      : ['f', finish?.requestId, null, null, finish?.cost, 0, null, finish?.at, finish?.entryId, finish?.reason];
    row.forEach((value, column) => {
      (columns[column] as unknown[])[i] = value;
    });
  });
  return columns;
}
