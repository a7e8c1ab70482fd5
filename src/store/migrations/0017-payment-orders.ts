import type { Kysely } from 'kysely';

/**
 * Money in (payment-orders.ts): one `payment_orders` row per top-up or plan purchase a user
 * starts, moved through one state machine (created → credited, or expired / failed / refunded),
 * and one `payment_events` row per notification, webhook, return visit or operator action that
 * touched an order, accepted or refused, so every refusal is on record.
 *
 * Amounts: `pay_amount` is what the provider charges, in the currency's minor unit (cents, fen);
 * `credit_amount` is what the user gets, in ledger units (1e-6 USD), bonus included, fixed when
 * the order is created. `(method, provider_ref)` is unique: one provider checkout is one order.
 * `(provider, event_key)` is unique: a provider's event is applied once however often it arrives.
 * FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payment_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('pay_amount', 'bigint', (c) => c.notNull())
    .addColumn('credit_amount', 'bigint', (c) => c.notNull())
    .addColumn('bonus_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_pay_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reversed_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('provider_ref', 'text')
    .addColumn('checkout', 'text')
    .addColumn('detail', 'text')
    .addColumn('marked_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('credited_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('payment_orders_provider_ref')
    .on('payment_orders')
    .columns(['method', 'provider_ref'])
    .unique()
    .execute();
  // A user's order history, newest first; the operator's list filtered by status.
  await db.schema
    .createIndex('payment_orders_user_time')
    .on('payment_orders')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('payment_orders_status_time')
    .on('payment_orders')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text')
    .addColumn('order_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('remote_address', 'text')
    .addColumn('payload', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('payment_events_key')
    .on('payment_events')
    .columns(['provider', 'event_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('payment_events_order')
    .on('payment_events')
    .columns(['order_id', 'created_at'])
    .execute();
  await db.schema.createIndex('payment_events_time').on('payment_events').columns(['created_at']).execute();
}
