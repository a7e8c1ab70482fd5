import type { Kysely } from 'kysely';

/**
 * Subscription plans with usage windows (issue 14). FROZEN once released.
 *
 * - `plans`: what an operator sells. `models` and `allowances` are JSON text (patterns; window
 *   name → {unit, limit}); `status` 'active' | 'archived' (a plan is never deleted once sold).
 * - `subscriptions`: one user's holding of a plan, with the terms it was granted with (models,
 *   overflow, price) so a plan edited later changes a subscription only at its renewal.
 *   (source, source_ref) is unique: an order or a redemption code grants at most one.
 * - `subscription_windows`: one row per window of a subscription, the numbers a hold checks in
 *   one conditional UPDATE: `used + reserved + hold <= limit_amount`. `resets_at` <= now means
 *   the window is closed (its next hold opens it with used = 0).
 * - `plan_holds`: the reservation of a request drawing from a subscription, like `reservations`
 *   for the balance (swept the same way when its instance dies).
 * - `subscription_events`: a subscription's history (granted, renewed, expired, cancelled).
 * - Redemption batches and codes may grant a plan instead of credit (`plan_id`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_days', 'integer')
    .addColumn('models', 'text', (c) => c.notNull())
    .addColumn('allowances', 'text', (c) => c.notNull())
    .addColumn('requests_per_minute', 'integer')
    .addColumn('overflow_to_balance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('plan_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('models', 'text', (c) => c.notNull())
    .addColumn('overflow_to_balance', 'integer', (c) => c.notNull())
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('auto_renew', 'integer', (c) => c.notNull())
    .addColumn('period_number', 'integer', (c) => c.notNull())
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('period_end', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subscriptions_user').on('subscriptions').columns(['user_id', 'status']).execute();
  await db.schema.createIndex('subscriptions_due').on('subscriptions').columns(['status', 'period_end']).execute();
  await db.schema
    .createIndex('subscriptions_source')
    .on('subscriptions')
    .columns(['source', 'source_ref'])
    .unique()
    .execute();

  await db.schema
    .createTable('subscription_windows')
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('window_name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('limit_amount', 'bigint', (c) => c.notNull())
    .addColumn('used', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('resets_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscription_windows_pk', ['subscription_id', 'window_name'])
    .execute();

  await db.schema
    .createTable('plan_holds')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('money', 'bigint', (c) => c.notNull())
    .addColumn('tokens', 'bigint', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_holds_instance').on('plan_holds').column('instance_id').execute();
  await db.schema.createIndex('plan_holds_subscription').on('plan_holds').column('subscription_id').execute();

  await db.schema
    .createTable('subscription_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscription_events_subscription')
    .on('subscription_events')
    .columns(['subscription_id', 'created_at'])
    .execute();

  await db.schema.alterTable('redemption_batches').addColumn('plan_id', 'text').execute();
  await db.schema.alterTable('redemption_codes').addColumn('plan_id', 'text').execute();
}
