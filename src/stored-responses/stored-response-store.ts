import type { Store } from '../store/database.js';

/** One stored response, as saved and loaded (JSON columns parsed). */
export interface StoredResponse {
  id: string;
  userId: string;
  keyId: string | null;
  model: string;
  /** The conversation before the answer, as Responses input items. */
  requestItems: unknown[];
  /** The answer's output items (reasoning always with `encrypted_content`). */
  output: unknown[];
  /** The response object as its client received it. */
  response: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

/**
 * The table of stored Responses answers. Every read and delete names the owner: a response of
 * another user is indistinguishable from one that never existed. Expired rows are not returned even
 * before the sweeper deletes them.
 */
export class StoredResponseStore {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async save(response: StoredResponse): Promise<void> {
    await this.store.db
      .insertInto('stored_responses')
      .values({
        id: response.id,
        user_id: response.userId,
        key_id: response.keyId,
        model: response.model,
        request_items: JSON.stringify(response.requestItems),
        output: JSON.stringify(response.output),
        response: JSON.stringify(response.response),
        created_at: response.createdAt,
        expires_at: response.expiresAt,
      })
      // The same id twice (a retried write): the first one stands.
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
  }

  /** The response `id` if `userId` owns it and it has not expired. */
  async find(id: string, userId: string): Promise<StoredResponse | undefined> {
    const row = await this.store.db
      .selectFrom('stored_responses')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('expires_at', '>', this.now())
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      keyId: row.key_id,
      model: row.model,
      requestItems: parseArray(row.request_items),
      output: parseArray(row.output),
      response: JSON.parse(row.response) as Record<string, unknown>,
      createdAt: Number(row.created_at),
      expiresAt: Number(row.expires_at),
    };
  }

  /** Deletes the response if `userId` owns it; false when there was none to delete. */
  async delete(id: string, userId: string): Promise<boolean> {
    const result = await this.store.db
      .deleteFrom('stored_responses')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('expires_at', '>', this.now())
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Deletes up to `limit` expired rows (oldest expiry first); returns how many. */
  async deleteExpired(limit: number): Promise<number> {
    const result = await this.store.db
      .deleteFrom('stored_responses')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('stored_responses')
          .select('id')
          .where('expires_at', '<=', this.now())
          .orderBy('expires_at')
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function parseArray(text: string): unknown[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value : [];
}
