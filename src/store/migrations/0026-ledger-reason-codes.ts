import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * A ledger entry's reason as a code and its parameters (JSON), beside the English `reason`: the
 * console shows each entry in the reader's language (src/billing/ledger-reason.ts). Rows written
 * before hold null in both, and the console shows their English.
 *
 * PostgreSQL: `aihub_money_batch_v3`, migration 0006's `aihub_money_batch_v2` with two more
 * arrays, each charge's reason code and parameters; a capped overrun adds what it left
 * uncollected to a `usage` reason's parameters, as it adds it to the English. v2 stays for
 * replicas still running older code (their charges get null codes and show in English).
 * SQLite writes the same columns from its prepared statements (billing/money-path-sqlite.ts).
 * FROZEN once released: change it with a new migration.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ledger_entries').addColumn('reason_code', 'text').execute();
  await db.schema.alterTable('ledger_entries').addColumn('reason_params', 'text').execute();

  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    CREATE OR REPLACE FUNCTION aihub_money_batch_v3(
      p_kind text[], p_id text[], p_user text[], p_key text[], p_amount bigint[], p_overdraft bigint[],
      p_instance text[], p_at bigint[], p_entry text[], p_reason text[], p_code text[], p_params text[],
      OUT outcomes text[], OUT balances bigint[], OUT charged bigint[]
    ) LANGUAGE plpgsql AS $$
    DECLARE
      n int := cardinality(p_id);
      item record;
      held record;
      v_balance bigint;
      v_charge bigint;
      v_free bigint;
      v_key_free bigint;
    BEGIN
      outcomes := array_fill(NULL::text, ARRAY[n]);
      balances := array_fill(NULL::bigint, ARRAY[n]);
      charged := array_fill(NULL::bigint, ARRAY[n]);
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
        v_charge := p_amount[item.i];
        IF v_charge > held.amount THEN
          -- The rows still count this hold in reserved: what is free besides it.
          SELECT GREATEST(0, balance - reserved + p_overdraft[item.i]) INTO v_free
            FROM users WHERE id = held.user_id FOR UPDATE;
          IF held.key_id IS NOT NULL THEN
            SELECT quota - used - reserved INTO v_key_free FROM api_keys WHERE id = held.key_id FOR UPDATE;
            IF v_key_free IS NOT NULL THEN
              v_free := LEAST(COALESCE(v_free, 0), GREATEST(0, v_key_free));
            END IF;
          END IF;
          v_charge := held.amount + LEAST(p_amount[item.i] - held.amount, COALESCE(v_free, 0));
          INSERT INTO billing_overruns (request_id, user_id, key_id, held, cost, charged, created_at)
            VALUES (p_id[item.i], held.user_id, held.key_id, held.amount, p_amount[item.i], v_charge, p_at[item.i])
            ON CONFLICT (request_id) DO NOTHING;
        END IF;
        UPDATE users SET reserved = reserved - held.amount, balance = balance - v_charge,
            updated_at = CASE WHEN v_charge > 0 THEN p_at[item.i] ELSE updated_at END
          WHERE id = held.user_id RETURNING balance INTO v_balance;
        IF held.key_id IS NOT NULL THEN
          UPDATE api_keys SET reserved = reserved - held.amount, used = used + v_charge
            WHERE id = held.key_id;
        END IF;
        IF v_charge > 0 AND v_balance IS NOT NULL THEN
          INSERT INTO ledger_entries
              (id, user_id, amount, kind, reason, reason_code, reason_params, reference, key_id, balance_after, created_at)
            VALUES (p_entry[item.i], held.user_id, -v_charge, 'charge',
                    p_reason[item.i] || CASE WHEN v_charge < p_amount[item.i]
                      THEN format(' (%s units above the hold not charged)', p_amount[item.i] - v_charge) ELSE '' END,
                    p_code[item.i],
                    CASE WHEN v_charge < p_amount[item.i] AND p_code[item.i] = 'usage'
                      THEN (p_params[item.i]::jsonb || jsonb_build_object('uncollected', p_amount[item.i] - v_charge))::text
                      ELSE p_params[item.i] END,
                    p_id[item.i],
                    held.key_id, v_balance, p_at[item.i]);
          balances[item.i] := v_balance;
        END IF;
        charged[item.i] := v_charge;
        outcomes[item.i] := 'finished';
      END LOOP;
    END
    $$`.execute(db);
}
