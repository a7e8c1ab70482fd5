import type { Kysely, Transaction } from 'kysely';
import { GatewayError } from '../ir/index.js';
import type { ChannelStatus, Database } from '../store/schema.js';
import { channelKeyNotFound, channelNameTaken, channelNotFound } from './channel-errors.js';
import { normalizeReason } from './channel-input.js';
import { type ChannelKeyRow, type ChannelRow, rowToView } from './channel-rows.js';
import type { ChannelView } from './channel-view.js';
import { upstreamKeyHint } from './key-hint.js';
import type { SecretBox } from './secret-box.js';

/** The small queries ChannelStore's operations are built from (inside or outside a transaction). */

export type Db = Kysely<Database> | Transaction<Database>;

const MAX_KEYS_PER_CHANNEL = 1000;

export async function findRow(db: Db, id: string): Promise<ChannelRow> {
  const row = await db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw channelNotFound();
  return row;
}

/** The key, if it belongs to that channel: a key id never acts on another channel's key. */
export async function findKeyRow(db: Db, channelId: string, keyId: string): Promise<ChannelKeyRow> {
  const row = await db
    .selectFrom('channel_keys')
    .selectAll()
    .where('id', '=', keyId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  if (row) return row;
  await findRow(db, channelId);
  throw channelKeyNotFound();
}

export async function channelView(db: Db, id: string, box: SecretBox): Promise<ChannelView> {
  const row = await findRow(db, id);
  const keys = await db
    .selectFrom('channel_keys')
    .selectAll()
    .where('channel_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rowToView(row, keys, box);
}

/**
 * Names are unique case-insensitively (the router matches `name/model` without case), across
 * admin channels and the reserved env/config names.
 */
export async function checkNameFree(
  db: Db,
  name: string,
  exceptId: string | undefined,
  isReserved: ((name: string) => boolean) | undefined,
): Promise<void> {
  if (isReserved?.(name)) throw channelNameTaken(name);
  let query = db
    .selectFrom('channels')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw channelNameTaken(name);
}

export async function insertKeys(
  db: Db,
  channelId: string,
  keys: string[],
  at: number,
  box: SecretBox,
  newId: (prefix: string) => string,
): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insertInto('channel_keys')
    .values(
      keys.map((key, index) => ({
        id: newId('chk'),
        channel_id: channelId,
        key_encrypted: box.encrypt(key),
        key_hint: upstreamKeyHint(key),
        status: 'enabled' as const,
        // Ids are random, so +index keeps keys added together in the order given (the pool's
        // order: the first enabled key is the default for a test call).
        created_at: at + index,
      })),
    )
    .execute();
}

export function statusColumns(status: ChannelStatus, reason: string | null | undefined, at: number) {
  return { status, status_reason: status === 'enabled' ? null : normalizeReason(reason), status_changed_at: at };
}

export function checkKeyCount(count: number): void {
  if (count > MAX_KEYS_PER_CHANNEL) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `A channel holds at most ${MAX_KEYS_PER_CHANNEL} keys.`,
      param: 'keys',
      code: 'too_many_keys',
    });
  }
}
