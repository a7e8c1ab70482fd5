import { type ExpressionBuilder, sql } from 'kysely';
import type { Store } from '../store/database.js';
import type { ApiKeyStatus, Database } from '../store/schema.js';
import { type ApiKeyRecord, toApiKeyRecord } from './api-key-record.js';

export interface AdminKeyFilter {
  userId?: string;
  status?: ApiKeyStatus;
  /** Key name, hint or id, or the owner's email (substring, case-insensitive). */
  query?: string;
  limit?: number;
  offset?: number;
}

export type AdminKeyRecord = ApiKeyRecord & { ownerEmail: string };

/**
 * Every user's standard keys for the administrators' key page, with the owner's email so a key
 * can be traced to a person. Playground credentials stay hidden here as everywhere else.
 */
export async function listKeysForAdmin(
  store: Store,
  filter: AdminKeyFilter,
  recentUse: (keyId: string) => number | undefined,
): Promise<{ data: AdminKeyRecord[]; total: number }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const offset = Math.max(filter.offset ?? 0, 0);
  const where = (eb: ExpressionBuilder<Database, 'api_keys' | 'users'>) => {
    const conditions = [eb('api_keys.kind', '=', 'standard')];
    if (filter.userId) conditions.push(eb('api_keys.user_id', '=', filter.userId));
    if (filter.status) conditions.push(eb('api_keys.status', '=', filter.status));
    const query = filter.query?.trim().toLowerCase();
    if (query) {
      // LIKE's wildcards are escaped so `a_b` means the literal text.
      const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        eb.or([
          sql<boolean>`lower(${eb.ref('api_keys.name')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('api_keys.key_hint')}) like ${pattern} escape '\\'`,
          sql<boolean>`${eb.ref('users.email')} like ${pattern} escape '\\'`,
          eb('api_keys.id', '=', filter.query!.trim()),
        ]),
      );
    }
    return eb.and(conditions);
  };
  const base = store.db.selectFrom('api_keys').innerJoin('users', 'users.id', 'api_keys.user_id').where(where);
  const [rows, count] = await Promise.all([
    base
      .selectAll('api_keys')
      .select('users.email as owner_email')
      .orderBy('api_keys.created_at', 'desc')
      .orderBy('api_keys.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map(({ owner_email, ...row }) => ({
      ...toApiKeyRecord(row, recentUse(row.id)),
      ownerEmail: owner_email,
    })),
    total: Number(count.n),
  };
}
