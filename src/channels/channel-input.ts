import type { ChannelCost } from '../routing/channel.js';
import { builtinVendors } from '../vendors/vendor-registry.js';
import { validChannelCost } from './channel-cost-field.js';
import { invalidChannelField } from './channel-errors.js';

/**
 * What an admin sends to create or change a channel, and the rules it must satisfy. The routes'
 * zod schemas check shapes; these checks are the meaning (a known vendor, http(s) URLs, model ids
 * or `*` globs), applied to the merged result so a PATCH cannot leave a channel unusable.
 */

/** Per-channel timeouts in milliseconds; `firstByteMs` is the wait for the response headers. */
export interface ChannelTimeouts {
  connectMs?: number;
  firstByteMs?: number;
  idleMs?: number;
  totalMs?: number | null;
}

export interface ChannelInput {
  name: string;
  /** A vendor preset name (`openai`, `anthropic`, `gemini`, `deepseek`...) or `custom`. */
  type: string;
  /** Null/absent = the vendor's default (required for `custom`). */
  baseUrl?: string | null;
  /** Upstream keys; none at all means a key-less endpoint (only for `ollama` and `custom`). */
  keys?: string[];
  /** Ids or `*` globs; null/absent = the vendor's default list (required for `custom`). */
  models?: string[] | null;
  modelMapping?: Record<string, string> | null;
  priority?: number;
  /** 0..1000; 0 drains the channel (kept, but gets no new traffic when others can serve). */
  weight?: number;
  /** User groups allowed to use it; null/absent = every group. */
  groups?: string[] | null;
  /** Extra request headers; stored encrypted (they may carry secrets). A PATCH replaces the whole map. */
  headers?: Record<string, string> | null;
  proxyUrl?: string | null;
  timeouts?: ChannelTimeouts | null;
  /** Free-form labels for filtering and bulk actions in the console; null/absent = none. */
  tags?: string[] | null;
  /** What the channel costs the operator (channel-cost-field.ts); null/absent = the official list price. */
  cost?: ChannelCost | null;
}

export type ChannelPatch = Partial<Omit<ChannelInput, 'keys'>>;

/** A channel's settings after validation, as stored (keys and status live elsewhere). */
export interface ChannelFields {
  name: string;
  type: string;
  baseUrl: string | null;
  models: string[] | null;
  modelMapping: Record<string, string>;
  priority: number;
  weight: number;
  groups: string[] | null;
  headers: Record<string, string> | null;
  proxyUrl: string | null;
  timeouts: ChannelTimeouts | null;
  tags: string[];
  cost: ChannelCost | null;
}

const MODEL_ID = /^[A-Za-z0-9._:/@+-]{1,200}$/;
const MODEL_GLOB = /^[A-Za-z0-9._:/@+*-]{1,200}$/;
const GROUP = /^[A-Za-z0-9._-]{1,64}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
// The HTTP client owns these; an override would corrupt the request or its framing.
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'content-type']);
const MAX_TIMEOUT_MS = 24 * 3_600_000;

export function fieldsFromInput(input: ChannelInput): ChannelFields {
  return validateFields({
    name: input.name,
    type: input.type,
    baseUrl: input.baseUrl ?? null,
    models: input.models ?? null,
    modelMapping: input.modelMapping ?? {},
    priority: input.priority ?? 0,
    weight: input.weight ?? 1,
    groups: input.groups ?? null,
    headers: input.headers ?? null,
    proxyUrl: input.proxyUrl ?? null,
    timeouts: input.timeouts ?? null,
    tags: input.tags ?? [],
    cost: input.cost ?? null,
  });
}

/** Applies a patch: absent fields stay, `null` resets to the default. */
export function mergePatch(current: ChannelFields, patch: ChannelPatch): ChannelFields {
  const pick = <K extends keyof ChannelFields>(key: K, fallback: ChannelFields[K]): ChannelFields[K] =>
    key in patch && patch[key] !== undefined ? ((patch[key] ?? fallback) as ChannelFields[K]) : current[key];
  return validateFields({
    name: pick('name', current.name),
    type: pick('type', current.type),
    baseUrl: pick('baseUrl', null),
    models: pick('models', null),
    modelMapping: pick('modelMapping', {}),
    priority: pick('priority', 0),
    weight: pick('weight', 1),
    groups: pick('groups', null),
    headers: pick('headers', null),
    proxyUrl: pick('proxyUrl', null),
    timeouts: pick('timeouts', null),
    tags: pick('tags', []),
    cost: pick('cost', null),
  });
}

export function validateFields(fields: ChannelFields): ChannelFields {
  const name = fields.name.trim();
  if (!name || name.length > 64 || /[\p{Cc}/]/u.test(name)) {
    // No `/`: `name/model` forces a channel in the router.
    throw invalidChannelField('name', 'The name must be 1-64 characters, without control characters or `/`.');
  }
  const type = fields.type.trim().toLowerCase();
  const vendor = builtinVendors.find(type);
  if (!vendor) {
    throw invalidChannelField('type', `Unknown channel type '${fields.type}': use a vendor preset or 'custom'.`);
  }
  const baseUrl = fields.baseUrl === null ? null : httpUrl('baseUrl', fields.baseUrl).replace(/\/+$/, '');
  const models = fields.models === null ? null : modelList(fields.models);
  // A vendor without a fixed host (a Midjourney proxy) still has its own model names.
  if (vendor.defaultBaseUrl === null && (!baseUrl || (!models && vendor.modelGlobs.length === 0))) {
    throw invalidChannelField(
      baseUrl ? 'models' : 'baseUrl',
      `A '${vendor.name}' channel needs a baseUrl and a models list.`,
    );
  }
  if (!Number.isInteger(fields.priority) || Math.abs(fields.priority) > 1_000_000) {
    throw invalidChannelField('priority', 'The priority must be an integer between -1000000 and 1000000.');
  }
  if (!Number.isInteger(fields.weight) || fields.weight < 0 || fields.weight > 1000) {
    throw invalidChannelField('weight', 'The weight must be an integer from 0 (drained) to 1000.');
  }
  return {
    name,
    type,
    baseUrl,
    models,
    modelMapping: mapping(fields.modelMapping),
    priority: fields.priority,
    weight: fields.weight,
    groups: fields.groups === null ? null : groups(fields.groups),
    headers: fields.headers === null ? null : headers(fields.headers),
    proxyUrl: fields.proxyUrl === null ? null : httpUrl('proxyUrl', fields.proxyUrl),
    timeouts: fields.timeouts === null ? null : timeouts(fields.timeouts),
    tags: tagList(fields.tags),
    cost: validChannelCost(fields.cost),
  };
}

/** Trims keys, drops duplicates, and refuses whitespace inside a key (a copy-paste accident). */
export function normalizeKeys(keys: string[]): string[] {
  const out = new Set<string>();
  keys.forEach((raw, index) => {
    const key = raw.trim();
    if (!key || key.length > 4096 || /[\s\p{Cc}]/u.test(key)) {
      throw invalidChannelField(`keys[${index}]`, 'A key must be non-empty, at most 4096 characters, no spaces.');
    }
    out.add(key);
  });
  return [...out];
}

export function normalizeReason(reason: string | null | undefined): string | null {
  const text = reason?.replace(/\p{Cc}+/gu, ' ').trim();
  return text ? text.slice(0, 500) : null;
}

function httpUrl(param: string, value: string): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidChannelField(param, `'${param}' must be an absolute http(s) URL.`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || text.length > 2048 || url.hash) {
    throw invalidChannelField(param, `'${param}' must be an http(s) URL without a #fragment.`);
  }
  return text;
}

function modelList(models: string[]): string[] {
  const out = [...new Set(models.map((model) => model.trim()))];
  if (out.length === 0) throw invalidChannelField('models', 'List at least one model, or null for the default.');
  out.forEach((model, index) => {
    if (!MODEL_GLOB.test(model)) {
      throw invalidChannelField(`models[${index}]`, `'${model}' is not a model id or a '*' glob.`);
    }
  });
  return out;
}

function mapping(value: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(value)) {
    const client = from.trim();
    const upstream = to.trim();
    // The router indexes mapped names as exact ids, so globs would never match here.
    if (!MODEL_ID.test(client) || !MODEL_ID.test(upstream)) {
      throw invalidChannelField(`modelMapping.${from}`, 'A mapping goes from one model id to another (no globs).');
    }
    out[client] = upstream;
  }
  return out;
}

function groups(list: string[]): string[] {
  const out = [...new Set(list.map((group) => group.trim()))];
  if (out.length === 0) throw invalidChannelField('groups', 'List at least one group, or null for every group.');
  for (const group of out) {
    if (!GROUP.test(group)) throw invalidChannelField('groups', `'${group}' is not a valid group name.`);
  }
  return out;
}

const MAX_TAGS = 20;

/** Trimmed, deduplicated (case-insensitively, first spelling kept), 1-32 printable characters each. */
function tagList(list: string[]): string[] {
  const out = new Map<string, string>();
  for (const raw of list) {
    const tag = raw.trim();
    if (!tag || tag.length > 32 || /[\p{Cc},]/u.test(tag)) {
      throw invalidChannelField('tags', `'${raw}' is not a valid tag (1-32 characters, no commas).`);
    }
    if (!out.has(tag.toLowerCase())) out.set(tag.toLowerCase(), tag);
  }
  if (out.size > MAX_TAGS) throw invalidChannelField('tags', `At most ${MAX_TAGS} tags per channel.`);
  return [...out.values()];
}

function headers(value: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw invalidChannelField(`headers.${name}`, `'${name}' cannot be set as an extra header.`);
    }
    if (/\p{Cc}/u.test(text) || text.length > 8192) {
      throw invalidChannelField(`headers.${name}`, 'A header value must be one line of at most 8192 characters.');
    }
    out[name] = text;
  }
  return out;
}

function timeouts(value: ChannelTimeouts): ChannelTimeouts {
  const out: ChannelTimeouts = {};
  for (const key of ['connectMs', 'firstByteMs', 'idleMs', 'totalMs'] as const) {
    const ms = value[key];
    if (ms === undefined || ms === null) continue;
    if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
      throw invalidChannelField(`timeouts.${key}`, `'${key}' must be whole milliseconds from 1 to ${MAX_TIMEOUT_MS}.`);
    }
    out[key] = ms;
  }
  return out;
}
