/**
 * Stored channels as a portable YAML document (`aihub channels export|import`), in the config
 * file's vocabulary (`base_url`, `model_mapping`, `proxy`, snake_case timeouts and cost) plus `status`
 * and `tags`. Secrets (upstream keys, extra header values, a proxy's password) are left out unless
 * asked for: a redacted document carries key hints and `<redacted>` header values, and importing it
 * keeps the secrets the channel already holds, so export → edit → import changes settings only.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../store/schema.js';
import { costDocumentSchema, fromCostDocument, toCostDocument } from './channel-cost-document.js';
import { type ChannelInput, type ChannelTimeouts, fieldsFromInput, normalizeKeys } from './channel-input.js';
import { decryptHeaders, rowToFields } from './channel-rows.js';
import { maskUrlCredentials, upstreamKeyHint } from './key-hint.js';
import type { SecretBox } from './secret-box.js';

export const REDACTED = '<redacted>';
/** What maskUrlCredentials puts in place of a proxy's password. */
const MASKED_PASSWORD = '***';

const timeoutsSchema = z.strictObject({
  connect_ms: z.number().int().positive().optional(),
  first_byte_ms: z.number().int().positive().optional(),
  idle_ms: z.number().int().positive().optional(),
  total_ms: z.number().int().positive().nullable().optional(),
});

export const channelEntrySchema = z.strictObject({
  name: z.string().min(1),
  type: z.string().min(1),
  base_url: z.string().nullable().optional(),
  keys: z.array(z.string()).optional(),
  /** Written by a redacted export; ignored on import. */
  key_hints: z.array(z.string()).optional(),
  models: z.array(z.string()).nullable().optional(),
  model_mapping: z.record(z.string(), z.string()).optional(),
  priority: z.number().int().optional(),
  weight: z.number().int().min(0).optional(),
  groups: z.array(z.string()).nullable().optional(),
  headers: z.record(z.string(), z.string()).nullable().optional(),
  proxy: z.string().nullable().optional(),
  timeouts: timeoutsSchema.nullable().optional(),
  tags: z.array(z.string()).optional(),
  /** What the channel costs the operator; absent = the official list price. */
  cost: costDocumentSchema.nullable().optional(),
  status: z.enum(['enabled', 'disabled', 'auto_disabled']).optional(),
});

export const channelDocumentSchema = z.strictObject({
  version: z.literal(1).optional(),
  channels: z.array(channelEntrySchema),
});

export type ChannelEntry = z.infer<typeof channelEntrySchema>;
export type ChannelDocument = z.infer<typeof channelDocumentSchema>;

/** Every stored channel, by priority then name; secrets in clear only `withSecrets`. */
export async function exportChannels(
  db: Kysely<Database>,
  box: SecretBox,
  options: { withSecrets: boolean },
): Promise<ChannelDocument> {
  const rows = await db.selectFrom('channels').selectAll().orderBy('priority', 'desc').orderBy('name').execute();
  const keys = await db.selectFrom('channel_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  const channels = rows.map((row): ChannelEntry => {
    // A secret that no longer decrypts (the secret key changed) cannot be exported; say so loudly.
    const headers = decryptHeaders(row, box);
    const fields = rowToFields(row, headers);
    const plainKeys = keys.filter((key) => key.channel_id === row.id).map((key) => box.decrypt(key.key_encrypted));
    const entry: ChannelEntry = { name: fields.name, type: fields.type };
    if (fields.baseUrl !== null) entry.base_url = fields.baseUrl;
    if (options.withSecrets) entry.keys = plainKeys;
    else if (plainKeys.length > 0) entry.key_hints = plainKeys.map(upstreamKeyHint);
    if (fields.models !== null) entry.models = fields.models;
    if (Object.keys(fields.modelMapping).length > 0) entry.model_mapping = fields.modelMapping;
    entry.priority = fields.priority;
    entry.weight = fields.weight;
    if (fields.groups !== null) entry.groups = fields.groups;
    if (headers) {
      entry.headers = options.withSecrets
        ? headers
        : Object.fromEntries(Object.keys(headers).map((name) => [name, REDACTED]));
    }
    if (fields.proxyUrl !== null)
      entry.proxy = options.withSecrets ? fields.proxyUrl : maskUrlCredentials(fields.proxyUrl);
    if (fields.timeouts) entry.timeouts = toDocumentTimeouts(fields.timeouts);
    if (fields.tags.length > 0) entry.tags = fields.tags;
    if (fields.cost) entry.cost = toCostDocument(fields.cost);
    entry.status = row.status;
    return entry;
  });
  return { version: 1, channels };
}

/** What importing one entry will do. */
export type ChannelImportStep =
  | { action: 'create'; name: string; input: ChannelInput; status: ChannelEntry['status'] }
  | {
      action: 'update';
      name: string;
      id: string;
      input: ChannelInput;
      /** Keys to add to the pool (the ones it holds already are skipped); none: the pool stays. */
      addKeys: string[];
      status: ChannelEntry['status'];
    };

export interface StoredChannelSecrets {
  id: string;
  name: string;
  headers: Record<string, string> | null;
  proxyUrl: string | null;
}

/**
 * Plans the import against the stored channels (matched by name, case-insensitively, as names are
 * unique): nothing is written here, so a document with one bad entry changes nothing. Throws with
 * the entry's position for a redacted secret that has nothing to fall back on.
 */
export function planChannelImport(
  document: ChannelDocument,
  stored: readonly StoredChannelSecrets[],
): ChannelImportStep[] {
  const byName = new Map(stored.map((channel) => [channel.name.toLowerCase(), channel]));
  const seen = new Set<string>();
  return document.channels.map((entry, index) => {
    const where = `channels[${index}] (${entry.name})`;
    const lower = entry.name.trim().toLowerCase();
    if (seen.has(lower)) throw new Error(`${where}: the name appears twice in the document.`);
    seen.add(lower);
    const current = byName.get(lower);
    const headers = resolveHeaders(entry.headers, current, where);
    const proxyUrl = resolveProxy(entry.proxy, current, where);
    const input: ChannelInput = {
      name: entry.name,
      type: entry.type,
      baseUrl: entry.base_url ?? null,
      models: entry.models ?? null,
      modelMapping: entry.model_mapping ?? null,
      priority: entry.priority ?? 0,
      weight: entry.weight ?? 1,
      groups: entry.groups ?? null,
      headers,
      proxyUrl,
      timeouts: entry.timeouts ? fromDocumentTimeouts(entry.timeouts) : null,
      tags: entry.tags ?? null,
      cost: entry.cost ? fromCostDocument(entry.cost) : null,
    };
    try {
      // The store checks again when writing; checking every entry first means a bad one writes nothing.
      fieldsFromInput(input);
      normalizeKeys(entry.keys ?? []);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
    if (!current)
      return { action: 'create', name: entry.name, input: { ...input, keys: entry.keys ?? [] }, status: entry.status };
    return {
      action: 'update',
      name: entry.name,
      id: current.id,
      input,
      addKeys: entry.keys ?? [],
      status: entry.status,
    };
  });
}

function resolveHeaders(
  headers: Record<string, string> | null | undefined,
  current: StoredChannelSecrets | undefined,
  where: string,
): Record<string, string> | null {
  if (!headers) return null;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== REDACTED) {
      out[name] = value;
      continue;
    }
    const kept = current?.headers?.[name];
    if (kept === undefined) {
      throw new Error(
        `${where}: header ${name} is ${REDACTED} and the channel holds no value for it; export with --with-secrets.`,
      );
    }
    out[name] = kept;
  }
  return out;
}

function resolveProxy(
  proxy: string | null | undefined,
  current: StoredChannelSecrets | undefined,
  where: string,
): string | null {
  if (!proxy) return null;
  let masked = false;
  try {
    masked = new URL(proxy).password === MASKED_PASSWORD;
  } catch {
    return proxy; // Not a URL: the channel's own validation says what is wrong with it.
  }
  if (!masked) return proxy;
  if (current?.proxyUrl && maskUrlCredentials(current.proxyUrl) === proxy) return current.proxyUrl;
  throw new Error(
    `${where}: the proxy's password is redacted and the channel holds no such proxy; export with --with-secrets.`,
  );
}

function toDocumentTimeouts(timeouts: ChannelTimeouts): NonNullable<ChannelEntry['timeouts']> {
  const out: NonNullable<ChannelEntry['timeouts']> = {};
  if (timeouts.connectMs !== undefined) out.connect_ms = timeouts.connectMs;
  if (timeouts.firstByteMs !== undefined) out.first_byte_ms = timeouts.firstByteMs;
  if (timeouts.idleMs !== undefined) out.idle_ms = timeouts.idleMs;
  if (timeouts.totalMs !== undefined) out.total_ms = timeouts.totalMs;
  return out;
}

function fromDocumentTimeouts(timeouts: NonNullable<ChannelEntry['timeouts']>): ChannelTimeouts {
  const out: ChannelTimeouts = {};
  if (timeouts.connect_ms !== undefined) out.connectMs = timeouts.connect_ms;
  if (timeouts.first_byte_ms !== undefined) out.firstByteMs = timeouts.first_byte_ms;
  if (timeouts.idle_ms !== undefined) out.idleMs = timeouts.idle_ms;
  if (timeouts.total_ms !== undefined) out.totalMs = timeouts.total_ms;
  return out;
}

/** The stored headers and proxies the importer may fall back on for redacted values. */
export async function storedChannelSecrets(db: Kysely<Database>, box: SecretBox): Promise<StoredChannelSecrets[]> {
  const rows = await db.selectFrom('channels').selectAll().execute();
  return rows.map((row) => {
    let headers: Record<string, string> | null = null;
    try {
      headers = decryptHeaders(row, box);
    } catch {
      // Unreadable under the current secret key: a redacted header then cannot be kept (an error above).
    }
    return { id: row.id, name: row.name, headers, proxyUrl: row.proxy_url };
  });
}
