import type { Transaction } from 'kysely';
import { isUniqueViolation } from '../accounts/db-errors.js';
import { GatewayError } from '../ir/index.js';
import type { Channel } from '../routing/channel.js';
import type { Store } from '../store/database.js';
import type { ChannelStatus, Database } from '../store/schema.js';
import { channelNameTaken, channelNotFound } from './channel-errors.js';
import { type ChannelInput, type ChannelPatch, fieldsFromInput, mergePatch, normalizeKeys } from './channel-input.js';
import { type LiveChannels, loadLiveChannels, loadOneChannel } from './channel-loader.js';
import {
  channelView,
  checkKeyCount,
  checkNameFree,
  findKeyRow,
  findRow,
  insertKeys,
  statusColumns,
} from './channel-queries.js';
import {
  type ChannelRow,
  decryptHeaders,
  fieldsToRow,
  rowToFields,
  rowToView,
  type SecretErrorHandler,
} from './channel-rows.js';
import type { ChannelView } from './channel-view.js';
import type { SecretBox } from './secret-box.js';

export interface ChannelStoreOptions {
  box: SecretBox;
  now: () => number;
  newId: (prefix: string) => string;
  /** Names taken by env/config channels: an admin channel may not shadow them (`name/model` routing). */
  isNameReserved?: (name: string) => boolean;
  /** A stored secret no longer decrypts (the secret key changed): log it; the key is skipped. */
  onSecretError?: SecretErrorHandler;
}

/**
 * Admin-managed channels and their key pools in the database, one transaction per change.
 * Upstream keys and extra headers are encrypted with the SecretBox before they are written;
 * admin views carry key hints only. This store does not notify anyone: callers go through
 * ChannelRegistry.changed() so the router is rebuilt at once.
 */
export class ChannelStore {
  constructor(
    private readonly store: Store,
    private readonly options: ChannelStoreOptions,
  ) {}

  async list(): Promise<ChannelView[]> {
    const db = this.store.db;
    const rows = await db.selectFrom('channels').selectAll().orderBy('priority', 'desc').orderBy('name').execute();
    const keys = await db.selectFrom('channel_keys').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((row) =>
      rowToView(
        row,
        keys.filter((key) => key.channel_id === row.id),
        this.options.box,
      ),
    );
  }

  get(id: string): Promise<ChannelView> {
    return channelView(this.store.db, id, this.options.box);
  }

  async create(input: ChannelInput): Promise<ChannelView> {
    const fields = fieldsFromInput(input);
    const keys = normalizeKeys(input.keys ?? []);
    checkKeyCount(keys.length);
    const id = this.options.newId('ch');
    const at = this.options.now();
    return this.write(async (trx) => {
      await checkNameFree(trx, fields.name, undefined, this.options.isNameReserved);
      await trx
        .insertInto('channels')
        .values({ id, ...fieldsToRow(fields, this.options.box), status: 'enabled', created_at: at, updated_at: at })
        .execute();
      await insertKeys(trx, id, keys, at, this.options.box, this.options.newId);
      return channelView(trx, id, this.options.box);
    }, fields.name);
  }

  async update(id: string, patch: ChannelPatch): Promise<ChannelView> {
    return this.write(async (trx) => {
      const row = await findRow(trx, id);
      // Headers are only decrypted when the patch keeps them, so an admin can always replace
      // headers that no longer decrypt.
      const headers = patch.headers !== undefined ? null : this.currentHeaders(row);
      const fields = mergePatch(rowToFields(row, headers), patch);
      if (fields.name.toLowerCase() !== row.name.toLowerCase())
        await checkNameFree(trx, fields.name, id, this.options.isNameReserved);
      await trx
        .updateTable('channels')
        .set({ ...fieldsToRow(fields, this.options.box), updated_at: this.options.now() })
        .where('id', '=', id)
        .execute();
      return channelView(trx, id, this.options.box);
    }, patch.name ?? '');
  }

  async delete(id: string): Promise<void> {
    await this.write(async (trx) => {
      await findRow(trx, id);
      await trx.deleteFrom('channel_keys').where('channel_id', '=', id).execute();
      await trx.deleteFrom('channels').where('id', '=', id).execute();
    });
  }

  /** Admin enable/disable (or `auto_disabled`); enabling clears the reason. */
  async setStatus(id: string, status: ChannelStatus, reason?: string | null): Promise<ChannelView> {
    return this.write(async (trx) => {
      await findRow(trx, id);
      const at = this.options.now();
      await trx
        .updateTable('channels')
        .set({ ...statusColumns(status, reason, at), updated_at: at })
        .where('id', '=', id)
        .execute();
      return channelView(trx, id, this.options.box);
    });
  }

  /** Throws channel_not_found unless every id is a stored channel. */
  async requireAll(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.store.db.selectFrom('channels').select('id').where('id', 'in', ids).execute();
    if (rows.length !== new Set(ids).size) throw channelNotFound();
  }

  /** setStatus for many channels in one transaction. */
  async setStatusMany(ids: string[], status: ChannelStatus, reason?: string | null): Promise<void> {
    if (ids.length === 0) return;
    const at = this.options.now();
    await this.store.db
      .updateTable('channels')
      .set({ ...statusColumns(status, reason, at), updated_at: at })
      .where('id', 'in', ids)
      .execute();
  }

  /** Adds keys to the pool; a key the channel already holds is not added twice. */
  async addKeys(id: string, keys: string[]): Promise<ChannelView> {
    const wanted = normalizeKeys(keys);
    return this.write(async (trx) => {
      await findRow(trx, id);
      const existing = await trx.selectFrom('channel_keys').selectAll().where('channel_id', '=', id).execute();
      const held = new Set(existing.map((row) => this.tryDecrypt(row.key_encrypted)));
      const fresh = wanted.filter((key) => !held.has(key));
      checkKeyCount(existing.length + fresh.length);
      const at = this.options.now();
      // New keys go after the existing ones in the pool, even within the same millisecond.
      const after = Math.max(at, ...existing.map((row) => row.created_at + 1));
      await insertKeys(trx, id, fresh, after, this.options.box, this.options.newId);
      await trx.updateTable('channels').set({ updated_at: at }).where('id', '=', id).execute();
      return channelView(trx, id, this.options.box);
    });
  }

  async removeKey(channelId: string, keyId: string): Promise<ChannelView> {
    return this.write(async (trx) => {
      await findKeyRow(trx, channelId, keyId);
      await trx.deleteFrom('channel_keys').where('id', '=', keyId).execute();
      await trx.updateTable('channels').set({ updated_at: this.options.now() }).where('id', '=', channelId).execute();
      return channelView(trx, channelId, this.options.box);
    });
  }

  async setKeyStatus(
    channelId: string,
    keyId: string,
    status: ChannelStatus,
    reason?: string | null,
  ): Promise<ChannelView> {
    return this.write(async (trx) => {
      await findKeyRow(trx, channelId, keyId);
      const at = this.options.now();
      await trx
        .updateTable('channel_keys')
        .set(statusColumns(status, reason, at))
        .where('id', '=', keyId)
        .execute();
      await trx.updateTable('channels').set({ updated_at: at }).where('id', '=', channelId).execute();
      return channelView(trx, channelId, this.options.box);
    });
  }

  /**
   * Marks an enabled channel `auto_disabled`. False when it is unknown or not enabled: the first
   * reason and time are kept when many failing requests report the same account error at once.
   */
  async autoDisableChannel(id: string, reason: string): Promise<boolean> {
    const result = await this.store.db
      .updateTable('channels')
      .set(statusColumns('auto_disabled', reason, this.options.now()))
      .where('id', '=', id)
      .where('status', '=', 'enabled')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Same as autoDisableChannel for one key of the pool. */
  async autoDisableKey(channelId: string, keyId: string, reason: string): Promise<boolean> {
    const result = await this.store.db
      .updateTable('channel_keys')
      .set(statusColumns('auto_disabled', reason, this.options.now()))
      .where('id', '=', keyId)
      .where('channel_id', '=', channelId)
      .where('status', '=', 'enabled')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The live set (enabled channels, enabled keys, decrypted) plus every channel's status. */
  loadLive(): Promise<LiveChannels> {
    return loadLiveChannels(this.store.db, this.options.box, this.secretErrorHandler());
  }

  /**
   * Decrypted Channels for the router. Decision: channels that are not `enabled`, and channels
   * left with no enabled key, are EXCLUDED (not flagged), so nothing downstream can route to
   * them by mistake; their status is in list() / loadLive().statuses.
   */
  async loadAll(): Promise<Channel[]> {
    return (await this.loadLive()).channels;
  }

  /** One channel whatever its status, for the admin test call (see loadOneChannel). */
  loadChannel(id: string, options: { keyId?: string } = {}): Promise<Channel> {
    return loadOneChannel(this.store.db, this.options.box, id, options.keyId);
  }

  private async write<T>(work: (trx: Transaction<Database>) => Promise<T>, name = ''): Promise<T> {
    try {
      return await this.store.db.transaction().execute(work);
    } catch (error) {
      // Two admins creating the same name at once: the unique index decides, as a 409.
      if (isUniqueViolation(error)) throw channelNameTaken(name);
      throw error;
    }
  }

  private currentHeaders(row: ChannelRow): Record<string, string> | null {
    try {
      return decryptHeaders(row, this.options.box);
    } catch (cause) {
      throw new GatewayError({
        kind: 'invalid_request',
        message:
          'The stored extra headers cannot be decrypted with the current secret key: send `headers` to replace them.',
        param: 'headers',
        code: 'channel_secret_unreadable',
        cause,
      });
    }
  }

  private tryDecrypt(value: string): string | undefined {
    try {
      return this.options.box.decrypt(value);
    } catch {
      return undefined;
    }
  }

  private secretErrorHandler(): SecretErrorHandler {
    return this.options.onSecretError ?? (() => {});
  }
}
