import type { Insertable, Selectable } from 'kysely';
import type { Channel, ChannelCost, ChannelKey } from '../routing/channel.js';
import type { ChannelKeysTable, ChannelsTable } from '../store/schema.js';
import { DEFAULT_TIMEOUTS, type UpstreamTimeouts } from '../upstream/http-client.js';
import { builtinVendors } from '../vendors/vendor-registry.js';
import { validChannelCost } from './channel-cost-field.js';
import type { ChannelFields, ChannelTimeouts } from './channel-input.js';
import { type ChannelView, effectiveBaseUrl, viewTimeouts } from './channel-view.js';
import { maskUrlCredentials } from './key-hint.js';
import type { SecretBox } from './secret-box.js';

/** Conversions between database rows and the channel's other forms (fields, admin view, live Channel). */

export type ChannelRow = Selectable<ChannelsTable>;
export type ChannelKeyRow = Selectable<ChannelKeysTable>;

/** Reports a secret that does not decrypt; the caller decides whether to log or show it. */
export type SecretErrorHandler = (error: Error, where: { channelId: string; keyId?: string }) => void;

export function fieldsToRow(
  fields: ChannelFields,
  box: SecretBox,
): Omit<Insertable<ChannelsTable>, 'id' | 'status' | 'created_at' | 'updated_at'> {
  return {
    name: fields.name,
    type: fields.type,
    base_url: fields.baseUrl,
    models: fields.models ? JSON.stringify(fields.models) : null,
    model_mapping: Object.keys(fields.modelMapping).length > 0 ? JSON.stringify(fields.modelMapping) : null,
    priority: fields.priority,
    weight: fields.weight,
    groups: fields.groups ? JSON.stringify(fields.groups) : null,
    headers_encrypted: fields.headers ? box.encrypt(JSON.stringify(fields.headers)) : null,
    proxy_url: fields.proxyUrl,
    timeouts: fields.timeouts && Object.keys(fields.timeouts).length > 0 ? JSON.stringify(fields.timeouts) : null,
    tags: fields.tags.length > 0 ? JSON.stringify(fields.tags) : null,
    cost: fields.cost ? JSON.stringify(fields.cost) : null,
  };
}

/** Throws SecretBoxError when the stored headers do not decrypt. */
export function decryptHeaders(row: ChannelRow, box: SecretBox): Record<string, string> | null {
  return row.headers_encrypted ? (JSON.parse(box.decrypt(row.headers_encrypted)) as Record<string, string>) : null;
}

export function rowToFields(row: ChannelRow, headers: Record<string, string> | null): ChannelFields {
  return {
    name: row.name,
    type: row.type,
    baseUrl: row.base_url,
    models: parseJson<string[]>(row.models),
    modelMapping: parseJson<Record<string, string>>(row.model_mapping) ?? {},
    priority: row.priority,
    weight: row.weight,
    groups: parseJson<string[]>(row.groups),
    headers,
    proxyUrl: row.proxy_url,
    timeouts: parseJson<ChannelTimeouts>(row.timeouts),
    tags: parseJson<string[]>(row.tags) ?? [],
    cost: parseCost(row.cost),
  };
}

export function rowToView(row: ChannelRow, keys: ChannelKeyRow[], box: SecretBox): ChannelView {
  const warnings: string[] = [];
  let headerNames: string[] = [];
  try {
    headerNames = Object.keys(decryptHeaders(row, box) ?? {});
  } catch {
    warnings.push('The extra headers cannot be decrypted with the current secret key; set them again.');
  }
  for (const key of keys) {
    if (!canDecrypt(key.key_encrypted, box)) {
      warnings.push(`Key ${key.id} (${key.key_hint}) cannot be decrypted with the current secret key; add it again.`);
    }
  }
  const fields = rowToFields(row, null);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    source: 'admin',
    readOnly: false,
    baseUrl: effectiveBaseUrl(row.type, row.base_url),
    models: fields.models,
    modelMapping: fields.modelMapping,
    priority: row.priority,
    weight: row.weight,
    groups: fields.groups,
    headerNames,
    proxyUrl: row.proxy_url ? maskUrlCredentials(row.proxy_url) : null,
    timeouts: viewTimeouts(upstreamTimeouts(fields.timeouts)),
    status: row.status,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    keys: keys.map((key) => ({
      id: key.id,
      hint: key.key_hint,
      status: key.status,
      statusReason: key.status_reason,
      statusChangedAt: key.status_changed_at,
      createdAt: key.created_at,
    })),
    tags: fields.tags,
    cost: fields.cost,
    warnings,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The live form the router uses, with `keys` already decrypted and filtered by the caller. A
 * channel whose headers do not decrypt is left out (undefined): calling without them could
 * send requests the operator never meant (missing auth or routing headers).
 */
export function rowToChannel(
  row: ChannelRow,
  keys: ChannelKey[],
  box: SecretBox,
  onSecretError: SecretErrorHandler,
): Channel | undefined {
  let headers: Record<string, string> | null;
  try {
    headers = decryptHeaders(row, box);
  } catch (error) {
    onSecretError(error as Error, { channelId: row.id });
    return undefined;
  }
  const fields = rowToFields(row, headers);
  // A type no longer known (a vendor removed since) is served as a plain OpenAI-compatible endpoint.
  const vendor = builtinVendors.find(row.type) ?? builtinVendors.generic;
  const channel: Channel = {
    id: row.id,
    name: row.name,
    provider: vendor.provider,
    vendor: vendor.name,
    baseUrl: effectiveBaseUrl(row.type, row.base_url),
    keys,
    modelMapping: fields.modelMapping,
    priority: row.priority,
    weight: row.weight,
    timeouts: upstreamTimeouts(fields.timeouts),
    source: 'admin',
  };
  if (fields.models) channel.models = fields.models;
  if (vendor.compat) channel.compat = vendor.compat;
  if (headers) channel.headers = headers;
  if (fields.groups) channel.groups = fields.groups;
  if (fields.proxyUrl) channel.proxyUrl = fields.proxyUrl;
  if (fields.cost) channel.cost = fields.cost;
  return channel;
}

/** Key-less vendors (Ollama) and custom endpoints may run without any key. */
export function allowsNoKey(type: string): boolean {
  return builtinVendors.find(type)?.keyOptional ?? false;
}

export function upstreamTimeouts(stored: ChannelTimeouts | null): UpstreamTimeouts {
  const timeouts: UpstreamTimeouts = {
    connectMs: stored?.connectMs ?? DEFAULT_TIMEOUTS.connectMs,
    headersMs: stored?.firstByteMs ?? DEFAULT_TIMEOUTS.headersMs,
    idleMs: stored?.idleMs ?? DEFAULT_TIMEOUTS.idleMs,
  };
  const total = stored?.totalMs ?? DEFAULT_TIMEOUTS.totalMs;
  if (total !== undefined && total !== null) timeouts.totalMs = total;
  return timeouts;
}

function canDecrypt(value: string, box: SecretBox): boolean {
  try {
    box.decrypt(value);
    return true;
  } catch {
    return false;
  }
}

/** A stored cost; one that no longer parses (hand-edited) counts as none: the list price. */
function parseCost(text: string | null | undefined): ChannelCost | null {
  if (!text) return null;
  try {
    return validChannelCost(JSON.parse(text));
  } catch {
    return null;
  }
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
