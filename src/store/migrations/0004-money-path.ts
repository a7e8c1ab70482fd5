import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * PostgreSQL only: `aihub_hold`, the reservation as one round trip (billing/money-path-postgres.ts).
 * It updates the user's row, then the key's, then records the reservation; when the key refuses
 * after the user's row was updated it raises, which rolls the calling statement back whole.
 * Returns 'ok', or 'user' when the user's row refused (nothing was written). Table names resolve
 * through the connection's search_path, like every other statement. SQLite needs nothing (its
 * money path runs prepared statements in one local transaction). FROZEN once released: change the
 * function with a new migration.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    CREATE OR REPLACE FUNCTION aihub_hold(
      p_id text, p_user text, p_key text, p_amount bigint, p_overdraft bigint, p_instance text, p_at bigint
    ) RETURNS text LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE users SET reserved = reserved + p_amount
        WHERE id = p_user AND status = 'active' AND balance - reserved - p_amount >= -p_overdraft;
      IF NOT FOUND THEN
        RETURN 'user';
      END IF;
      IF p_key IS NOT NULL THEN
        UPDATE api_keys SET reserved = reserved + p_amount
          WHERE id = p_key AND user_id = p_user AND (quota IS NULL OR quota - used - reserved - p_amount >= 0);
        IF NOT FOUND THEN
          RAISE EXCEPTION 'aihub_hold_key_refused';
        END IF;
      END IF;
      INSERT INTO reservations (id, user_id, key_id, amount, instance_id, created_at)
        VALUES (p_id, p_user, p_key, p_amount, p_instance, p_at);
      RETURN 'ok';
    END
    $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP FUNCTION IF EXISTS aihub_hold(text, text, text, bigint, bigint, text, bigint)`.execute(db);
}
