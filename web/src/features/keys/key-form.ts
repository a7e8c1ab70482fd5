import { parseMoney, unitsToDecimal } from '../../lib/money';
import type { ApiKey, KeyFields } from './types';

/**
 * The create/edit form of an API key: what the person types (text), checked with the server's
 * rules (src/accounts/api-key-service.ts, key-rules.ts) before sending, and turned into the
 * request body. Pure functions, tested in key-form.test.ts.
 */
export interface KeyFormValues {
  name: string;
  /** Dollars, as typed ('' = no quota). */
  quota: string;
  /** `YYYY-MM-DD` from a date input ('' = never); the key works through the end of that day, local time. */
  expiresOn: string;
  allowedModels: string[];
  allowedIps: string[];
  rpmLimit: string;
  tpmLimit: string;
  concurrencyLimit: string;
  /** Key group (令牌分组); '' = the owner's own group. */
  group: string;
}

export type KeyFormField = keyof KeyFormValues;

/** Translation keys under `keys:form.errors`. */
export type KeyFormError =
  | 'nameRequired'
  | 'nameTooLong'
  | 'quotaInvalid'
  | 'expiryInvalid'
  | 'expiryPast'
  | 'modelInvalid'
  | 'tooManyModels'
  | 'ipInvalid'
  | 'tooManyIps'
  | 'limitInvalid'
  /** Text typed in a chip box without pressing Enter (set by the dialog, not by validateKeyForm). */
  | 'pendingEntry';

export const EMPTY_FORM: KeyFormValues = {
  name: '',
  quota: '',
  expiresOn: '',
  allowedModels: [],
  allowedIps: [],
  rpmLimit: '',
  tpmLimit: '',
  concurrencyLimit: '',
  group: '',
};

export const LIMIT_MAX = { rpmLimit: 1_000_000, tpmLimit: 1_000_000_000, concurrencyLimit: 100_000 } as const;
export const MAX_MODELS = 200;
export const MAX_IPS = 100;

/** The form filled from a key (editing). */
export function valuesFromKey(key: ApiKey): KeyFormValues {
  return {
    name: key.name,
    quota: key.quota === null ? '' : unitsToDecimal(key.quota),
    expiresOn: key.expiresAt === null ? '' : toDateInput(key.expiresAt),
    allowedModels: key.allowedModels ?? [],
    allowedIps: key.allowedIps ?? [],
    rpmLimit: key.rpmLimit === null ? '' : String(key.rpmLimit),
    tpmLimit: key.tpmLimit === null ? '' : String(key.tpmLimit),
    concurrencyLimit: key.concurrencyLimit === null ? '' : String(key.concurrencyLimit),
    group: key.group ?? '',
  };
}

/** `YYYY-MM-DD` of a time in the browser's time zone (for `<input type="date">`). */
export function toDateInput(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last millisecond of a `YYYY-MM-DD` day, local time; undefined when not a date. */
export function endOfDay(dateText: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText);
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(year, month - 1, day, 23, 59, 59, 999);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return date.getTime();
}

/** `YYYY-MM-DD` a number of days from now (expiry shortcuts). */
export function daysFromNow(days: number, now: number = Date.now()): string {
  const date = new Date(now);
  date.setDate(date.getDate() + days);
  return toDateInput(date.getTime());
}

/** A model id or `*` glob as the server accepts it: 1-200 characters, no spaces or control characters. */
export function isModelPattern(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  return text.length > 0 && text.length <= 200 && !/[\s\u0000-\u001f\u007f]/.test(text);
}

/** An IPv4 or IPv6 address, optionally with a /prefix (CIDR), as the server accepts it. */
export function isIpRule(text: string): boolean {
  const parts = text.split('/');
  if (parts.length > 2) return false;
  const [rawAddress = '', prefixText] = parts;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(rawAddress);
  const address = mapped ? mapped[1]! : rawAddress;
  const version = isIpv4(address) ? 4 : isIpv6(address) ? 6 : 0;
  if (version === 0) return false;
  if (prefixText === undefined) return true;
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  return Number(prefixText) <= (version === 4 ? 32 : 128);
}

function isIpv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255);
}

function isIpv6(text: string): boolean {
  if (!text.includes(':') || !/^[0-9a-f:.]+$/i.test(text)) return false;
  try {
    // The URL parser implements the full IPv6 grammar (::, embedded IPv4).
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

function parseLimit(text: string, max: number): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= 1 && value <= max ? value : undefined;
}

export type KeyFormErrors = Partial<Record<KeyFormField, KeyFormError>>;

/** Problems per field; empty when the form can be sent. */
export function validateKeyForm(
  values: KeyFormValues,
  options: { now?: number; initialExpiresOn?: string } = {},
): KeyFormErrors {
  const errors: KeyFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'nameRequired';
  else if (name.length > 100) errors.name = 'nameTooLong';

  if (values.quota.trim() !== '') {
    const units = parseMoney(values.quota);
    if (units === undefined || units < 0) errors.quota = 'quotaInvalid';
  }

  // An unchanged expiry is not sent again (an expired key can be edited without renewing it).
  if (values.expiresOn !== '' && values.expiresOn !== options.initialExpiresOn) {
    const at = endOfDay(values.expiresOn);
    if (at === undefined) errors.expiresOn = 'expiryInvalid';
    else if (at <= (options.now ?? Date.now())) errors.expiresOn = 'expiryPast';
  }

  if (values.allowedModels.length > MAX_MODELS) errors.allowedModels = 'tooManyModels';
  else if (!values.allowedModels.every(isModelPattern)) errors.allowedModels = 'modelInvalid';

  if (values.allowedIps.length > MAX_IPS) errors.allowedIps = 'tooManyIps';
  else if (!values.allowedIps.every(isIpRule)) errors.allowedIps = 'ipInvalid';

  for (const field of ['rpmLimit', 'tpmLimit', 'concurrencyLimit'] as const) {
    if (parseLimit(values[field], LIMIT_MAX[field]) === undefined) errors[field] = 'limitInvalid';
  }
  return errors;
}

/** Every field as the API takes it (call after validateKeyForm found nothing). */
export function toKeyFields(values: KeyFormValues): Required<KeyFields> {
  const quota = values.quota.trim() === '' ? null : (parseMoney(values.quota) ?? null);
  return {
    name: values.name.trim(),
    quota,
    expiresAt: values.expiresOn === '' ? null : (endOfDay(values.expiresOn) ?? null),
    allowedModels: values.allowedModels.length > 0 ? values.allowedModels : null,
    allowedIps: values.allowedIps.length > 0 ? values.allowedIps : null,
    rpmLimit: parseLimit(values.rpmLimit, LIMIT_MAX.rpmLimit) ?? null,
    tpmLimit: parseLimit(values.tpmLimit, LIMIT_MAX.tpmLimit) ?? null,
    concurrencyLimit: parseLimit(values.concurrencyLimit, LIMIT_MAX.concurrencyLimit) ?? null,
    group: values.group === '' ? null : values.group,
  };
}

/** The body of `POST /api/keys`: only what was filled in. */
export function createBody(values: KeyFormValues): KeyFields & { name: string } {
  const fields = toKeyFields(values);
  const body: KeyFields & { name: string } = { name: fields.name };
  for (const [field, value] of Object.entries(fields) as [keyof KeyFields, unknown][]) {
    if (field !== 'name' && value !== null) (body as unknown as Record<string, unknown>)[field] = value;
  }
  return body;
}

/** The body of `PATCH /api/keys/:id`: only the fields that changed (null clears a limit). */
export function patchBody(key: ApiKey, values: KeyFormValues): KeyFields {
  const fields = toKeyFields(values);
  const patch: KeyFields = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (fields.name !== key.name) patch.name = fields.name;
  if (fields.quota !== key.quota) patch.quota = fields.quota;
  if (values.expiresOn !== (key.expiresAt === null ? '' : toDateInput(key.expiresAt))) {
    patch.expiresAt = fields.expiresAt;
  }
  if (!same(fields.allowedModels, key.allowedModels)) patch.allowedModels = fields.allowedModels;
  if (!same(fields.allowedIps, key.allowedIps)) patch.allowedIps = fields.allowedIps;
  if (fields.rpmLimit !== key.rpmLimit) patch.rpmLimit = fields.rpmLimit;
  if (fields.tpmLimit !== key.tpmLimit) patch.tpmLimit = fields.tpmLimit;
  if (fields.concurrencyLimit !== key.concurrencyLimit) patch.concurrencyLimit = fields.concurrencyLimit;
  if (fields.group !== key.group) patch.group = fields.group;
  return patch;
}

/** The server names the field it refused (`param`); the form shows the error there. */
export function fieldOfParam(param: string | null): KeyFormField | undefined {
  switch (param) {
    case 'name':
    case 'quota':
    case 'allowedModels':
    case 'allowedIps':
    case 'rpmLimit':
    case 'tpmLimit':
    case 'concurrencyLimit':
    case 'group':
      return param;
    case 'expiresAt':
      return 'expiresOn';
    default:
      return undefined;
  }
}
