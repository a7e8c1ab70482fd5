import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * PostgreSQL only: `aihub_money_batch`, many money moves (holds and finishes) in ONE statement and
 * so one transaction and one commit (billing/money-path-postgres.ts, group commit).
 *
 * Why: with every request holding and settling on the same balance row, one statement per move
 * queued each move on that row's lock for another statement's commit; the benchmark (issue 5)
 * measured ~10 ms per move waiting at concurrency 50 and PostgreSQL spending ~1.3 ms of CPU a
 * request on lock waits and re-checks. One batch takes each row's lock once.
 *
 * Item i is a hold when p_kind[i] = 'h' (p_amount = amount held) and a finish when 'f'
 * (p_amount = cost; 0 releases). Each item is decided alone, exactly as `aihub_hold` and the
 * single finish statement decide it: outcomes[i] is 'ok', 'user' or 'key' for a hold (a refusal
 * writes nothing: a key refusal gives back what the user's row took) and 'finished', 'gone' or
 * 'duplicate-charge' for a finish (a duplicate leaves the reservation in place, for the careful
 * path); balances[i] is the balance after a finish's charge. Items run in (user, key) order, the
 * order every other writer locks rows in, so two batches cannot deadlock each other. Anything
 * unexpected (a repeated reservation id) raises and rolls the whole batch back; the caller then
 * runs the items one by one. FROZEN once released: change it with a new migration.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    CREATE OR REPLACE FUNCTION aihub_money_batch(
      p_kind text[], p_id text[], p_user text[], p_key text[], p_amount bigint[], p_overdraft bigint[],
      p_instance text[], p_at bigint[], p_entry text[], p_reason text[],
      OUT outcomes text[], OUT balances bigint[]
    ) LANGUAGE plpgsql AS $$
    DECLARE
      n int := cardinality(p_id);
      item record;
      held record;
      v_balance bigint;
    BEGIN
      outcomes := array_fill(NULL::text, ARRAY[n]);
      balances := array_fill(NULL::bigint, ARRAY[n]);
      FOR item IN
        SELECT t.ord::int AS i, t.kind,
               CASE WHEN t.kind = 'h' THEN t.user_id ELSE r.user_id END AS user_id,
               CASE WHEN t.kind = 'h' THEN t.key_id ELSE r.key_id END AS key_id
        FROM unnest(p_kind, p_id, p_user, p_key) WITH ORDINALITY AS t(kind, id, user_id, key_id, ord)
        LEFT JOIN reservations r ON t.kind = 'f' AND r.id = t.id
        ORDER BY 3, 4 NULLS FIRST, 1
      LOOP
        IF item.kind = 'h' THEN
          UPDATE users SET reserved = reserved + p_amount[item.i]
            WHERE id = item.user_id AND status = 'active'
              AND balance - reserved - p_amount[item.i] >= -p_overdraft[item.i];
          IF NOT FOUND THEN
            outcomes[item.i] := 'user';
            CONTINUE;
          END IF;
          IF item.key_id IS NOT NULL THEN
            UPDATE api_keys SET reserved = reserved + p_amount[item.i]
              WHERE id = item.key_id AND user_id = item.user_id
                AND (quota IS NULL OR quota - used - reserved - p_amount[item.i] >= 0);
            IF NOT FOUND THEN
              UPDATE users SET reserved = reserved - p_amount[item.i] WHERE id = item.user_id;
              outcomes[item.i] := 'key';
              CONTINUE;
            END IF;
          END IF;
          INSERT INTO reservations (id, user_id, key_id, amount, instance_id, created_at)
            VALUES (p_id[item.i], item.user_id, item.key_id, p_amount[item.i], p_instance[item.i], p_at[item.i]);
          outcomes[item.i] := 'ok';
          CONTINUE;
        END IF;

        IF item.user_id IS NULL THEN
          outcomes[item.i] := 'gone';
          CONTINUE;
        END IF;
        IF p_amount[item.i] > 0
           AND EXISTS (SELECT 1 FROM ledger_entries WHERE kind = 'charge' AND reference = p_id[item.i]) THEN
          outcomes[item.i] := 'duplicate-charge';
          CONTINUE;
        END IF;
        DELETE FROM reservations WHERE id = p_id[item.i] RETURNING user_id, key_id, amount INTO held;
        IF NOT FOUND THEN
          outcomes[item.i] := 'gone';
          CONTINUE;
        END IF;
        UPDATE users SET reserved = reserved - held.amount, balance = balance - p_amount[item.i],
            updated_at = CASE WHEN p_amount[item.i] > 0 THEN p_at[item.i] ELSE updated_at END
          WHERE id = held.user_id RETURNING balance INTO v_balance;
        IF held.key_id IS NOT NULL THEN
          UPDATE api_keys SET reserved = reserved - held.amount, used = used + p_amount[item.i]
            WHERE id = held.key_id;
        END IF;
        IF p_amount[item.i] > 0 AND v_balance IS NOT NULL THEN
          INSERT INTO ledger_entries (id, user_id, amount, kind, reason, reference, key_id, balance_after, created_at)
            VALUES (p_entry[item.i], held.user_id, -p_amount[item.i], 'charge', p_reason[item.i], p_id[item.i],
                    held.key_id, v_balance, p_at[item.i]);
          balances[item.i] := v_balance;
        END IF;
        outcomes[item.i] := 'finished';
      END LOOP;
    END
    $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP FUNCTION IF EXISTS aihub_money_batch(text[], text[], text[], text[], bigint[], bigint[], text[], bigint[], text[], bigint[])`.execute(
    db,
  );
}
