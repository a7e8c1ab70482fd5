import type pg from 'pg';
import {
  accountDisabledError,
  accountNotFoundError,
  insufficientBalanceError,
  keyNotFoundError,
  keyQuotaExceededError,
} from './billing-errors.js';
import type { FinishOutcome, FinishRequest, HoldRequest, MoneyPath } from './money-path.js';

/** What `aihub_hold` raises when the key's quota refuses after the user's row was updated. */
const KEY_REFUSED = 'aihub_hold_key_refused';
const UNIQUE_VIOLATION = '23505';

/**
 * PostgreSQL: each move is ONE statement, so one round trip and its own implicit transaction
 * (no BEGIN/COMMIT round trips, the balance row locked for the shortest time). Holding needs a
 * refusal on the second row to undo the first, which a plain statement cannot do: that is the
 * `aihub_hold` function (migration 0004), which raises, rolling the statement back. Finishing
 * never refuses, so it is a chain of data-modifying CTEs. Statements are named, so each pooled
 * connection parses them once.
 */
export class MoneyPathPostgres implements MoneyPath {
  constructor(private readonly pool: pg.Pool) {}

  async hold(input: HoldRequest): Promise<void> {
    let outcome: string | undefined;
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
      outcome = result.rows[0]?.outcome;
    } catch (error) {
      if ((error as { message?: string }).message !== KEY_REFUSED) throw error;
      outcome = 'key';
    }
    if (outcome === 'ok') return;
    if (outcome === 'user') throw await this.explainUser(input);
    if (outcome === 'key') throw await this.explainKey(input);
    throw new Error(`aihub_hold answered '${outcome}'.`);
  }

  async finish(input: FinishRequest): Promise<FinishOutcome> {
    try {
      const result = await this.pool.query<{ user_id: string; balance: number }>({
        name: 'aihub_finish',
        text: FINISH_SQL,
        values: [input.requestId, input.cost, input.at, input.entryId, input.reason],
      });
      const row = result.rows[0];
      if (!row) return { status: 'gone' };
      return input.cost > 0 ? { status: 'finished', balanceAfter: Number(row.balance) } : { status: 'finished' };
    } catch (error) {
      // (kind, reference) is unique: a second charge for one request id rolled the statement back.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return { status: 'duplicate-charge' };
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
