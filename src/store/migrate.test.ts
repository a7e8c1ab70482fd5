import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { ownSchemaIntrospection } from './own-schema-introspection.js';

describeEachDialect('migrations', (store) => {
  it('created every table, and running again is a no-op', async () => {
    const { db } = store();
    expect(await migrateToLatest(db, store().schema)).toEqual([]);
    // Only this store's own schema: other suites (or other processes) may have schemas of their own.
    const tables = (await ownSchemaIntrospection(db, store().schema).getTables())
      .map((table) => table.name)
      .filter((name) => !name.startsWith('kysely_'));
    expect(tables.sort()).toEqual(
      [
        'announcements',
        'api_keys',
        'billing_overruns',
        'catalog_entries',
        'channel_keys',
        'channel_test_results',
        'channels',
        'email_tokens',
        'instances',
        'invitations',
        'invite_codes',
        'ledger_entries',
        'login_addresses',
        'login_lockouts',
        'media_jobs',
        'payment_events',
        'payment_orders',
        'plan_holds',
        'plans',
        'price_rules',
        'redemption_batches',
        'redemption_codes',
        'request_logs',
        'reservations',
        'sessions',
        'settings',
        'stored_response_items',
        'stored_responses',
        'subscription_events',
        'subscription_windows',
        'subscriptions',
        'users',
        'user_identities',
        'oauth_flows',
        'trial_grants',
        // 0022: second factors and passkeys.
        'mfa_totp',
        'mfa_backup_codes',
        'auth_challenges',
        'passkeys',
        // 0028: presets.
        'presets',
      ].sort(),
    );
  });

  it('stores and returns 64-bit money as numbers', async () => {
    const { db } = store();
    const big = 9_000_000_000_000; // $9 million in micro-dollars
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        email: 'a@example.com',
        password_hash: null,
        display_name: null,
        role: 'user',
        group_name: 'default',
        status: 'active',
        balance: big,
        reserved: 0,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    const row = await db.selectFrom('users').select(['balance']).where('id', '=', 'u1').executeTakeFirstOrThrow();
    expect(row.balance).toBe(big);
  });
});

describe('migration list', () => {
  it('is ordered by name', () => {
    const names = Object.keys(MIGRATIONS);
    expect([...names].sort()).toEqual(names);
  });
});
