import type { Selectable } from 'kysely';
import type { Store } from '../store/database.js';
import type { StoredResponsesTable } from '../store/schema.js';

/** One place a stored item is kept: a response holding it, and the size of that response's JSON. */
export interface StoredItemLocation {
  itemId: string;
  responseId: string;
  responseChars: number;
  createdAt: number;
}

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
 * The table of stored Responses answers, and the index of their items' ids. Every read and delete
 * names the owner: a response of another user is indistinguishable from one that never existed.
 * Expired rows are not returned even before the sweeper deletes them.
 */
export class StoredResponseStore {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Saves the response and indexes its items' ids, in one transaction. */
  async save(response: StoredResponse): Promise<void> {
    const requestItems = JSON.stringify(response.requestItems);
    const output = JSON.stringify(response.output);
    await this.store.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('stored_responses')
        .values({
          id: response.id,
          user_id: response.userId,
          key_id: response.keyId,
          model: response.model,
          request_items: requestItems,
          output,
          response: JSON.stringify(response.response),
          created_at: response.createdAt,
          expires_at: response.expiresAt,
        })
        // The same id twice (a retried write): the first one stands, with its index.
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
      const rows = itemIds(response).map((itemId) => ({
        user_id: response.userId,
        item_id: itemId,
        response_id: response.id,
        response_chars: requestItems.length + output.length,
      }));
      for (let start = 0; start < rows.length; start += INDEX_ROWS_PER_INSERT) {
        await trx
          .insertInto('stored_response_items')
          .values(rows.slice(start, start + INDEX_ROWS_PER_INSERT))
          .onConflict((conflict) => conflict.columns(['user_id', 'item_id', 'response_id']).doNothing())
          .execute();
      }
    });
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
    return row ? fromRow(row) : undefined;
  }

  /**
   * Where the items `itemIds` name are kept among `userId`'s stored responses (not expired): every
   * response holding each, with what loading it costs. Ids found nowhere have no location. Reads
   * the index only, never a response's JSON.
   */
  async locateItems(itemIds: readonly string[], userId: string): Promise<StoredItemLocation[]> {
    if (itemIds.length === 0) return [];
    const rows = await this.store.db
      .selectFrom('stored_response_items as item')
      .innerJoin('stored_responses as response', 'response.id', 'item.response_id')
      .select(['item.item_id', 'item.response_id', 'item.response_chars', 'response.created_at'])
      .where('item.user_id', '=', userId)
      .where('item.item_id', 'in', [...itemIds])
      .where('response.user_id', '=', userId)
      .where('response.expires_at', '>', this.now())
      .execute();
    return rows.map((row) => ({
      itemId: row.item_id,
      responseId: row.response_id,
      responseChars: Number(row.response_chars),
      createdAt: Number(row.created_at),
    }));
  }

  /** The responses among `ids` that `userId` owns and that have not expired. */
  async findMany(ids: readonly string[], userId: string): Promise<StoredResponse[]> {
    if (ids.length === 0) return [];
    const rows = await this.store.db
      .selectFrom('stored_responses')
      .selectAll()
      .where('id', 'in', [...ids])
      .where('user_id', '=', userId)
      .where('expires_at', '>', this.now())
      .execute();
    return rows.map(fromRow);
  }

  /** Deletes the response (and its item index) if `userId` owns it; false when there was none to delete. */
  async delete(id: string, userId: string): Promise<boolean> {
    return this.store.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('stored_responses')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('expires_at', '>', this.now())
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await trx.deleteFrom('stored_response_items').where('response_id', '=', id).execute();
      return true;
    });
  }

  /** Deletes up to `limit` expired rows (oldest expiry first) and their item index; returns how many. */
  async deleteExpired(limit: number): Promise<number> {
    return this.store.db.transaction().execute(async (trx) => {
      const expired = await trx
        .selectFrom('stored_responses')
        .select('id')
        .where('expires_at', '<=', this.now())
        .orderBy('expires_at')
        .limit(limit)
        .execute();
      if (expired.length === 0) return 0;
      const ids = expired.map((row) => row.id);
      await trx.deleteFrom('stored_response_items').where('response_id', 'in', ids).execute();
      const result = await trx.deleteFrom('stored_responses').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}

/** Index rows per INSERT: four values each keeps a statement well under SQLite's bound on variables. */
const INDEX_ROWS_PER_INSERT = 500;

/** Every distinct item id in the response's input and output (items without one are not referenceable). */
function itemIds(response: StoredResponse): string[] {
  const ids = new Set<string>();
  for (const item of [...response.requestItems, ...response.output]) {
    if (item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') {
      const id = (item as { id: string }).id;
      if (id.length > 0) ids.add(id);
    }
  }
  return [...ids];
}

function fromRow(row: Selectable<StoredResponsesTable>): StoredResponse {
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

function parseArray(text: string): unknown[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value : [];
}
