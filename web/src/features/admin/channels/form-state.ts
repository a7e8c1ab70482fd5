import type { Vendors } from '../../../lib/vendors';
import { type CostForm, costFormOf, readCostForm } from './cost-form';
import type { Channel, ChannelSettingsBody, ChannelTimeouts, CreateChannelBody } from './types';

/**
 * The channel form's state and its translation to and from the API. Kept free of React so the
 * rules (what is sent, what "default" means) read in one place:
 * - an empty base URL, or the vendor's own default, is sent as null (follow the vendor default);
 * - no models means the vendor's default list (null), no groups means every group (null);
 * - header values are write-only: the API replaces the whole set, so headers are sent only when
 *   the admin changed them (and then every value must be typed again);
 * - the proxy URL comes back with its password masked, and timeouts as effective values, so both
 *   are sent only when changed;
 * - the cost (cost-form.ts) is sent when the admin changed it, null meaning the list price.
 */

export type FormField =
  | 'type'
  | 'name'
  | 'baseUrl'
  | 'keys'
  | 'models'
  | 'modelMapping'
  | 'priority'
  | 'weight'
  | 'groups'
  | 'tags'
  | 'headers'
  | 'proxyUrl'
  | 'timeouts'
  | 'cost';

/** Keys of channels:form.errors.* */
export type FormIssue =
  | 'nameRequired'
  | 'nameInvalid'
  | 'urlInvalid'
  | 'baseUrlRequired'
  | 'modelsRequired'
  | 'modelInvalid'
  | 'mappingIncomplete'
  | 'mappingInvalid'
  | 'integer'
  | 'weightRange'
  | 'groupInvalid'
  | 'headerNameInvalid'
  | 'headerValueRequired'
  | 'timeoutInvalid'
  | 'keyInvalid'
  | 'keysRequired';

export type FormErrors = Partial<Record<FormField, string>>;

export interface PairRow {
  id: number;
  name: string;
  value: string;
}

export const TIMEOUT_FIELDS = ['connectMs', 'firstByteMs', 'idleMs', 'totalMs'] as const;
export type TimeoutField = (typeof TIMEOUT_FIELDS)[number];

export interface ChannelForm {
  type: string;
  name: string;
  baseUrl: string;
  /** New keys, one per line. */
  keysText: string;
  models: string[];
  /** Client model → upstream model. */
  mapping: PairRow[];
  priority: string;
  weight: string;
  groups: string[];
  tags: string[];
  headers: PairRow[];
  headersDirty: boolean;
  proxyUrl: string;
  proxyDirty: boolean;
  /** Seconds, as typed. */
  timeouts: Record<TimeoutField, string>;
  timeoutsDirty: boolean;
  /** What the channel costs the operator. */
  cost: CostForm;
  costDirty: boolean;
}

let rowCounter = 0;
export function newRow(name = '', value = ''): PairRow {
  rowCounter += 1;
  return { id: rowCounter, name, value };
}

const EMPTY_TIMEOUTS: Record<TimeoutField, string> = { connectMs: '', firstByteMs: '', idleMs: '', totalMs: '' };

export function emptyForm(vendors: Vendors, type = 'openai'): ChannelForm {
  return {
    type,
    name: '',
    baseUrl: vendors.of(type).defaultBaseUrl ?? '',
    keysText: '',
    models: [],
    mapping: [],
    priority: '0',
    weight: '1',
    groups: [],
    tags: [],
    headers: [],
    headersDirty: false,
    proxyUrl: '',
    proxyDirty: false,
    timeouts: { ...EMPTY_TIMEOUTS },
    timeoutsDirty: false,
    cost: costFormOf(null),
    costDirty: false,
  };
}

export function formFromChannel(channel: Channel): ChannelForm {
  const timeouts = { ...EMPTY_TIMEOUTS };
  for (const field of TIMEOUT_FIELDS) {
    const ms = channel.timeouts[field];
    if (typeof ms === 'number') timeouts[field] = msToSeconds(ms);
  }
  return {
    type: channel.type,
    name: channel.name,
    baseUrl: channel.baseUrl,
    keysText: '',
    models: channel.models ?? [],
    mapping: Object.entries(channel.modelMapping).map(([from, to]) => newRow(from, to)),
    priority: String(channel.priority),
    weight: String(channel.weight),
    groups: channel.groups ?? [],
    tags: channel.tags,
    headers: channel.headerNames.map((name) => newRow(name, '')),
    headersDirty: false,
    proxyUrl: channel.proxyUrl ?? '',
    proxyDirty: false,
    timeouts,
    timeoutsDirty: false,
    cost: costFormOf(channel.cost),
    costDirty: false,
  };
}

/** Switching the type: the base URL follows the vendor's default unless the admin typed their own. */
export function changeType(form: ChannelForm, type: string, vendors: Vendors): ChannelForm {
  const previousDefault = vendors.of(form.type).defaultBaseUrl ?? '';
  const keepUrl = form.baseUrl.trim() !== '' && trimSlash(form.baseUrl) !== trimSlash(previousDefault);
  return { ...form, type, baseUrl: keepUrl ? form.baseUrl : (vendors.of(type).defaultBaseUrl ?? '') };
}

/** Splits pasted text (newlines, commas, spaces) into distinct non-empty entries. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

export function parseKeys(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

const MODEL_ID = /^[A-Za-z0-9._:/@+-]{1,200}$/;
const MODEL_GLOB = /^[A-Za-z0-9._:/@+*-]{1,200}$/;
const GROUP = /^[A-Za-z0-9._-]{1,64}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'content-type']);

export function isModelPattern(text: string): boolean {
  return MODEL_GLOB.test(text);
}

export function isGroupName(text: string): boolean {
  return GROUP.test(text);
}

/** The same rules as the server (src/channels/channel-input.ts), checked before sending. */
export function validateForm(
  form: ChannelForm,
  mode: 'create' | 'edit',
  vendors: Vendors,
): Partial<Record<FormField, FormIssue>> {
  const issues: Partial<Record<FormField, FormIssue>> = {};
  const name = form.name.trim();
  if (!name) issues.name = 'nameRequired';
  else if (name.length > 64 || name.includes('/')) issues.name = 'nameInvalid';

  const baseUrl = form.baseUrl.trim();
  if (baseUrl && !isHttpUrl(baseUrl)) issues.baseUrl = 'urlInvalid';
  else if (!baseUrl && form.type === 'custom') issues.baseUrl = 'baseUrlRequired';

  if (form.models.some((model) => !MODEL_GLOB.test(model))) issues.models = 'modelInvalid';
  else if (form.models.length === 0 && form.type === 'custom') issues.models = 'modelsRequired';

  for (const row of form.mapping) {
    const from = row.name.trim();
    const to = row.value.trim();
    if (!from && !to) continue;
    if (!from || !to) issues.modelMapping = 'mappingIncomplete';
    else if (!MODEL_ID.test(from) || !MODEL_ID.test(to)) issues.modelMapping = 'mappingInvalid';
  }

  if (!/^-?\d+$/.test(form.priority.trim())) issues.priority = 'integer';
  const weight = form.weight.trim();
  if (!/^\d+$/.test(weight)) issues.weight = 'integer';
  else if (Number(weight) > 1000) issues.weight = 'weightRange';

  if (form.groups.some((group) => !GROUP.test(group))) issues.groups = 'groupInvalid';

  if (form.headersDirty) {
    for (const row of form.headers) {
      const headerName = row.name.trim();
      if (!headerName && !row.value) continue;
      if (!HEADER_NAME.test(headerName) || RESERVED_HEADERS.has(headerName.toLowerCase())) {
        issues.headers = 'headerNameInvalid';
      } else if (!row.value) issues.headers = 'headerValueRequired';
    }
  }

  if (form.proxyDirty && form.proxyUrl.trim() && !isHttpUrl(form.proxyUrl.trim())) issues.proxyUrl = 'urlInvalid';

  if (form.timeoutsDirty) {
    for (const field of TIMEOUT_FIELDS) {
      const text = form.timeouts[field].trim();
      if (text && secondsToMs(text) === undefined) issues.timeouts = 'timeoutInvalid';
    }
  }

  const keys = parseKeys(form.keysText);
  if (keys.some((key) => /\s/.test(key) || key.length > 4096)) issues.keys = 'keyInvalid';
  else if (mode === 'create' && keys.length === 0 && !vendors.of(form.type).keyOptional) issues.keys = 'keysRequired';
  return issues;
}

function settingsBody(form: ChannelForm, vendors: Vendors): ChannelSettingsBody {
  const vendor = vendors.of(form.type);
  const baseUrl = trimSlash(form.baseUrl.trim());
  const mapping: Record<string, string> = {};
  for (const row of form.mapping) {
    if (row.name.trim() && row.value.trim()) mapping[row.name.trim()] = row.value.trim();
  }
  const body: ChannelSettingsBody = {
    name: form.name.trim(),
    type: form.type,
    baseUrl: !baseUrl || (vendor.defaultBaseUrl && baseUrl === trimSlash(vendor.defaultBaseUrl)) ? null : baseUrl,
    models: form.models.length > 0 ? form.models : null,
    modelMapping: mapping,
    priority: Number(form.priority.trim()),
    weight: Number(form.weight.trim()),
    groups: form.groups.length > 0 ? form.groups : null,
    tags: form.tags.length > 0 ? form.tags : null,
  };
  return body;
}

function headersBody(form: ChannelForm): Record<string, string> | null {
  const headers: Record<string, string> = {};
  for (const row of form.headers) {
    if (row.name.trim()) headers[row.name.trim()] = row.value;
  }
  return Object.keys(headers).length > 0 ? headers : null;
}

function timeoutsBody(form: ChannelForm): ChannelTimeouts | null {
  const timeouts: ChannelTimeouts = {};
  for (const field of TIMEOUT_FIELDS) {
    const ms = secondsToMs(form.timeouts[field].trim());
    if (ms !== undefined) timeouts[field] = ms;
  }
  return Object.keys(timeouts).length > 0 ? timeouts : null;
}

export function createBody(form: ChannelForm, vendors: Vendors): CreateChannelBody {
  const body: CreateChannelBody = {
    ...settingsBody(form, vendors),
    name: form.name.trim(),
    type: form.type,
    keys: parseKeys(form.keysText),
  };
  const headers = headersBody(form);
  if (headers) body.headers = headers;
  if (form.proxyUrl.trim()) body.proxyUrl = form.proxyUrl.trim();
  const timeouts = timeoutsBody(form);
  if (timeouts) body.timeouts = timeouts;
  const cost = readCostForm(form.cost).value;
  if (cost) body.cost = cost;
  return body;
}

export function patchBody(form: ChannelForm, vendors: Vendors): ChannelSettingsBody {
  const body = settingsBody(form, vendors);
  if (form.headersDirty) body.headers = headersBody(form);
  if (form.proxyDirty) body.proxyUrl = form.proxyUrl.trim() || null;
  if (form.timeoutsDirty) body.timeouts = timeoutsBody(form);
  if (form.costDirty) body.cost = readCostForm(form.cost).value;
  return body;
}

/** The form field an API error's `param` points at (`models[2]` → models, `timeouts.idleMs` → timeouts). */
export function fieldOfParam(param: string | null): FormField | undefined {
  if (!param) return undefined;
  const head = param.split(/[.[]/)[0] as FormField;
  const fields: FormField[] = [
    'type',
    'name',
    'baseUrl',
    'keys',
    'models',
    'modelMapping',
    'priority',
    'weight',
    'groups',
    'tags',
    'headers',
    'proxyUrl',
    'timeouts',
    'cost',
  ];
  return fields.includes(head) ? head : undefined;
}

export function secondsToMs(text: string): number | undefined {
  if (!/^\d+(\.\d{1,3})?$/.test(text)) return undefined;
  const ms = Math.round(Number(text) * 1000);
  return ms >= 1 && ms <= 24 * 3_600_000 ? ms : undefined;
}

export function msToSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.hash;
  } catch {
    return false;
  }
}

function trimSlash(text: string): string {
  return text.replace(/\/+$/, '');
}
