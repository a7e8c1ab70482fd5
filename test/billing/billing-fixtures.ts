/**
 * Users and keys for billing tests, created the way the product creates them: any starting
 * balance is a ledger entry (so balance = Σ ledger holds from the first row).
 */
import { Ledger, type LedgerOptions } from '../../src/billing/ledger.js';
import { appendLedgerEntry } from '../../src/billing/ledger-write.js';
import { newId } from '../../src/platform/ids.js';
import type { Store } from '../../src/store/database.js';
import { testCredit } from './reason-fixture.js';

export async function createUser(
  store: Store,
  options: { balance?: number; status?: 'active' | 'disabled'; group?: string; role?: 'user' | 'admin' } = {},
): Promise<string> {
  const id = newId('usr');
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        email: `${id.toLowerCase()}@example.test`,
        password_hash: null,
        display_name: null,
        role: options.role ?? 'user',
        group_name: options.group ?? 'default',
        status: options.status ?? 'active',
        balance: 0,
        reserved: 0,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    if (options.balance) {
      await appendLedgerEntry(trx, {
        id: newId('led'),
        userId: id,
        amount: options.balance,
        kind: 'topup',
        reason: testCredit('test funds'),
        reference: newId('top'),
        createdAt: 1,
      });
    }
  });
  return id;
}

export async function createKey(store: Store, userId: string, quota: number | null = null): Promise<string> {
  const id = newId('key');
  await store.db
    .insertInto('api_keys')
    .values({
      id,
      user_id: userId,
      name: 'test',
      key_hash: newId('hash'),
      key_hint: 'sk-…test',
      quota,
      used: 0,
      reserved: 0,
      expires_at: null,
      allowed_models: null,
      allowed_ips: null,
      status: 'enabled',
      last_used_at: null,
      created_at: 1,
      updated_at: 1,
    })
    .execute();
  return id;
}

export async function userRow(store: Store, id: string): Promise<{ balance: number; reserved: number }> {
  const row = await store.db
    .selectFrom('users')
    .select(['balance', 'reserved'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { balance: Number(row.balance), reserved: Number(row.reserved) };
}

export async function keyRow(store: Store, id: string): Promise<{ used: number; reserved: number }> {
  const row = await store.db
    .selectFrom('api_keys')
    .select(['used', 'reserved'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { used: Number(row.used), reserved: Number(row.reserved) };
}

export async function ledgerSum(store: Store, userId: string): Promise<number> {
  const row = await store.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.sum<string>('amount').as('total'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function ledgerCount(store: Store, userId: string): Promise<number> {
  const row = await store.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

export function testClock(start = 1_700_000_000_000): TestClock {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
  };
}

export interface TestLedger extends Ledger {
  /** Mutable: the ledger reads it on every reservation, like SettingsService.value. */
  settingsValue: { overdraft: number };
}

/** A started ledger with its own instance id and a mutable overdraft. */
export async function startLedger(
  store: Store,
  options: Partial<Omit<LedgerOptions, 'settings'>> & { overdraft?: number } = {},
): Promise<TestLedger> {
  const settingsValue = { overdraft: options.overdraft ?? 0 };
  const ledger = new Ledger(store, {
    now: options.now ?? Date.now,
    newId: options.newId ?? newId,
    instanceId: options.instanceId ?? newId('ins'),
    settings: { value: settingsValue },
    ...(options.orphanAfterMs !== undefined ? { orphanAfterMs: options.orphanAfterMs } : {}),
  });
  await ledger.start();
  return Object.assign(ledger, { settingsValue });
}
