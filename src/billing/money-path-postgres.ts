import type pg from 'pg';
import {
  accountDisabledError,
  accountNotFoundError,
  insufficientBalanceError,
  keyNotFoundError,
  keyQuotaExceededError,
} from './billing-errors.js';
import { describeLedgerReason } from './ledger-reason.js';
import type { FinishOutcome, FinishRequest, HoldRequest, MoneyPath } from './money-path-types.js';

/** What `aihub_hold` raises when the key's quota refuses after the user's row was updated. */
const KEY_REFUSED = 'aihub_hold_key_refused';
const UNIQUE_VIOLATION = '23505';

type BatchOutcome = { outcome: string; balance: string | null; charged: string | null };
type BatchRows = { outcomes: (string | null)[]; balances: (string | null)[]; charged: (string | null)[] };

/** A hold or a finish waiting for its batch, with the caller's promise. */
type QueuedMove = ({ hold: HoldRequest; finish?: undefined } | { hold?: undefined; finish: FinishRequest }) & {
  resolve: (value: BatchOutcome) => void;
  reject: (error: unknown) => void;
};

/**
 * PostgreSQL, with group commit: a move asked for while no other is in flight goes alone, as ONE
 * statement (one round trip, its own implicit transaction); the moves asked for while one is in
 * flight wait for it and then go together as one `aihub_money_batch_v3` statement (migrations 0005,
 * 0006 and 0026), one transaction and one commit for all of them. One batch at a time per process, so a process
 * never queues behind its own locks on a shared balance row.
 *
 * Why: one statement per move put every request's hold and settle in line for the balance row's
 * lock and another statement's commit. At concurrency 50 on the benchmark's machine each move
 * waited ~10 ms and PostgreSQL spent ~1.3 ms of CPU a request (pg_stat_statements; bench/README.md,
 * "third run", has the before and after).
 *
 * Holding alone needs a refusal on the key's row to undo the user's, which a plain statement
 * cannot do: that is `aihub_hold` (migration 0004), which raises, rolling the statement back.
 * Finishing alone is the batch function with one item, so an overrun (money-path.ts) is capped by
 * one rule, written once. When a batch fails as a
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
    const { outcome, balance, charged } = await this.enqueue({ finish: input });
    if (outcome === 'gone') return { status: 'gone' };
    if (outcome === 'duplicate-charge') return { status: 'duplicate-charge' };
    if (outcome !== 'finished') throw new Error(`The money path answered '${outcome}' to a finish.`);
    const units = charged === null ? input.cost : Number(charged);
    return units > 0 && balance !== null
      ? { status: 'finished', charged: units, balanceAfter: Number(balance) }
      : { status: 'finished', charged: units };
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
    let rows: BatchRows | undefined;
    try {
      rows = await this.runBatchStatement(batch);
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
      if (outcome) move.resolve({ outcome, balance: rows?.balances[i] ?? null, charged: rows?.charged[i] ?? null });
      else move.reject(new Error('The money path batch skipped a move.'));
    });
  }

  private async runBatchStatement(batch: QueuedMove[]): Promise<BatchRows | undefined> {
    const result = await this.pool.query<BatchRows>({
      name: 'aihub_money_batch_v3',
      text: 'SELECT outcomes, balances, charged FROM aihub_money_batch_v3($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
      values: batchColumns(batch),
    });
    return result.rows[0];
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
      return { outcome: result.rows[0]?.outcome ?? '', balance: null, charged: null };
    } catch (error) {
      if ((error as { message?: string }).message !== KEY_REFUSED) throw error;
      return { outcome: 'key', balance: null, charged: null };
    }
  }

  private async finishAlone(input: FinishRequest): Promise<BatchOutcome> {
    const move = { finish: input, resolve: () => {}, reject: () => {} } as QueuedMove;
    try {
      const rows = await this.runBatchStatement([move]);
      return {
        outcome: rows?.outcomes[0] ?? '',
        balance: rows?.balances[0] ?? null,
        charged: rows?.charged[0] ?? null,
      };
    } catch (error) {
      // (kind, reference) is unique: a second charge for one request id rolled the statement back.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        return { outcome: 'duplicate-charge', balance: null, charged: null };
      }
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

/** The batch's moves as the twelve parallel arrays `aihub_money_batch_v3` takes. */
function batchColumns(batch: QueuedMove[]): unknown[] {
  const columns: unknown[][] = Array.from({ length: 12 }, () => new Array(batch.length));
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
          null,
          null,
        ]
      : [
          'f',
          finish?.requestId,
          null,
          null,
          finish?.cost,
          finish?.overdraft,
          null,
          finish?.at,
          finish?.entryId,
          finish?.reason ? describeLedgerReason(finish.reason) : '',
          finish?.reason?.code ?? null,
          finish?.reason ? JSON.stringify(finish.reason.params) : null,
        ];
    row.forEach((value, column) => {
      (columns[column] as unknown[])[i] = value;
    });
  });
  return columns;
}
