import type { Kysely } from 'kysely';
import { GatewayError } from '../ir/index.js';
import type { Channel, ChannelKey } from '../routing/channel.js';
import type { Database } from '../store/schema.js';
import { channelKeyNotFound, channelNotFound } from './channel-errors.js';
import { allowsNoKey, type ChannelKeyRow, rowToChannel, type SecretErrorHandler } from './channel-rows.js';
import type { ChannelStatusInfo } from './channel-view.js';
import type { SecretBox } from './secret-box.js';

/**
 * Reads admin-managed channels into their live, decrypted form. This runs on start and on every
 * change, never per request (DESIGN.md §5), so decrypting every key each time is cheap enough.
 */

export interface LiveChannels {
  /** Enabled channels with at least one usable key (or key-less by design), enabled keys only. */
  channels: Channel[];
  /** Every admin channel's status, for the admin list and `statusOf`. */
  statuses: Map<string, ChannelStatusInfo>;
}

export async function loadLiveChannels(
  db: Kysely<Database>,
  box: SecretBox,
  onSecretError: SecretErrorHandler,
): Promise<LiveChannels> {
  const rows = await db.selectFrom('channels').selectAll().orderBy('priority', 'desc').orderBy('id').execute();
  const keyRows = await db.selectFrom('channel_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  const keysByChannel = groupKeys(keyRows);
  const channels: Channel[] = [];
  const statuses = new Map<string, ChannelStatusInfo>();
  for (const row of rows) {
    statuses.set(row.id, { status: row.status, reason: row.status_reason, changedAt: row.status_changed_at });
    if (row.status !== 'enabled') continue;
    const stored = keysByChannel.get(row.id) ?? [];
    const keys: ChannelKey[] = [];
    for (const keyRow of stored) {
      if (keyRow.status !== 'enabled') continue;
      try {
        keys.push({ id: keyRow.id, key: box.decrypt(keyRow.key_encrypted) });
      } catch (error) {
        onSecretError(error as Error, { channelId: row.id, keyId: keyRow.id });
      }
    }
    // No key at all means key-less (Ollama, an open local endpoint); keys that are all disabled
    // mean the channel has nothing to call with, so it leaves the live set.
    if (stored.length === 0 && allowsNoKey(row.type)) keys.push({ id: `${row.id}-nokey`, key: '' });
    if (keys.length === 0) continue;
    const channel = rowToChannel(row, keys, box, onSecretError);
    if (channel) channels.push(channel);
  }
  return { channels, statuses };
}

/**
 * One channel whatever its status (an admin tests a disabled channel before enabling it again):
 * its enabled keys, or only `keyId` (whatever that key's status) when given.
 */
export async function loadOneChannel(
  db: Kysely<Database>,
  box: SecretBox,
  id: string,
  keyId?: string,
): Promise<Channel> {
  const row = await db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw channelNotFound();
  const stored = await db
    .selectFrom('channel_keys')
    .selectAll()
    .where('channel_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const chosen = keyId ? stored.filter((key) => key.id === keyId) : stored.filter((key) => key.status === 'enabled');
  if (keyId && chosen.length === 0) throw channelKeyNotFound();
  const keys = chosen.map((key) => ({ id: key.id, key: decryptOrExplain(box, key) }));
  if (stored.length === 0 && allowsNoKey(row.type)) keys.push({ id: `${row.id}-nokey`, key: '' });
  const channel = rowToChannel(row, keys, box, (error) => {
    throw unreadable(`The channel's extra headers: ${error.message}`);
  });
  if (!channel) throw channelNotFound();
  return channel;
}

function groupKeys(rows: ChannelKeyRow[]): Map<string, ChannelKeyRow[]> {
  const map = new Map<string, ChannelKeyRow[]>();
  for (const row of rows) {
    const list = map.get(row.channel_id) ?? [];
    list.push(row);
    map.set(row.channel_id, list);
  }
  return map;
}

function decryptOrExplain(box: SecretBox, key: ChannelKeyRow): string {
  try {
    return box.decrypt(key.key_encrypted);
  } catch (error) {
    throw unreadable(`Key ${key.id} (${key.key_hint}): ${(error as Error).message}`);
  }
}

function unreadable(message: string): GatewayError {
  return new GatewayError({ kind: 'internal', status: 500, message, code: 'channel_secret_unreadable' });
}
