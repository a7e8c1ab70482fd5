import type { WarnErrorLogger } from '../logs/log-sink.js';
import type { StoredItemLocation, StoredResponse, StoredResponseStore } from './stored-response-store.js';

/**
 * The store as the Responses routes use it: writes happen after the answer was sent and never
 * fail it (a failure is logged), yet a client that asks for the response the moment it has the
 * answer (GET, DELETE, `previous_response_id`, `item_reference`) still finds it: a read of an id
 * still being written waits for that write. (Across replicas the window is the write's own few
 * milliseconds.)
 */
export class StoredResponses {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly store: StoredResponseStore,
    private readonly logger: WarnErrorLogger,
  ) {}

  /** Starts the write and returns at once; the promise it returns settles when the write ended (never rejects). */
  saveInBackground(response: StoredResponse): Promise<void> {
    const write = this.store
      .save(response)
      .catch((error: unknown) => {
        this.logger.error({ err: error, responseId: response.id }, 'stored responses: saving a response failed');
      })
      .finally(() => {
        if (this.pending.get(response.id) === write) this.pending.delete(response.id);
      });
    this.pending.set(response.id, write);
    return write;
  }

  /** Waits for every write in progress (at shutdown, before the database closes). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending.values()]);
  }

  async find(id: string, userId: string): Promise<StoredResponse | undefined> {
    await this.pending.get(id);
    return this.store.find(id, userId);
  }

  /**
   * Where the caller's items are kept (for `item_reference`). Which response holds an item is not
   * known before the lookup, so every write in progress is waited for.
   */
  async locateItems(itemIds: readonly string[], userId: string): Promise<StoredItemLocation[]> {
    if (itemIds.length === 0) return [];
    await Promise.all([...this.pending.values()]);
    return this.store.locateItems(itemIds, userId);
  }

  async findMany(ids: readonly string[], userId: string): Promise<StoredResponse[]> {
    return this.store.findMany(ids, userId);
  }

  async delete(id: string, userId: string): Promise<boolean> {
    await this.pending.get(id);
    return this.store.delete(id, userId);
  }
}
