import { parseMoney, unitsToDecimal } from '../../../lib/money';
import type { ModelLimit, Settings } from './api';
import type { MailSettingKey } from './mail-api';

export const LIMIT_FIELDS = ['rpm', 'tpm', 'concurrency'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

/** One cell of the model limits table: a number as typed, '' (the key's own limit), or null (no limit). */
export type LimitCell = string | null;

export interface LimitRow {
  id: number;
  pattern: string;
  rpm: LimitCell;
  tpm: LimitCell;
  concurrency: LimitCell;
}

/** The settings as the form edits them (text as typed). */
export interface SettingsDraft {
  registrationEnabled: boolean;
  requireAdminMfa: boolean;
  trialCredit: string;
  defaultGroup: string;
  overdraft: string;
  cacheHitChargePercent: string;
  defaultMaxOutputTokens: string;
  webSearchHoldCalls: string;
  planTimezone: string;
  logRetentionDays: string;
  responseRetentionDays: string;
  promptLogging: boolean;
  midjourneyImageProxy: boolean;
  publicBaseUrl: string;
  logLevel: Settings['logLevel'];
  modelLimits: LimitRow[];
}

export type FieldErrors = Record<string, string>;

let rowIds = 0;
export function newLimitRow(): LimitRow {
  return { id: ++rowIds, pattern: '', rpm: '', tpm: '', concurrency: '' };
}

function cellOf(value: number | null | undefined): LimitCell {
  if (value === null) return null;
  return value === undefined ? '' : String(value);
}

/** Dollars for a money field, with cents: `200000` → `"0.20"`, `1234` → `"0.001234"`. */
export function moneyText(units: number): string {
  const text = unitsToDecimal(units);
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

export function draftOf(settings: Settings): SettingsDraft {
  return {
    registrationEnabled: settings.registrationEnabled,
    requireAdminMfa: settings.requireAdminMfa,
    trialCredit: moneyText(settings.trialCredit),
    defaultGroup: settings.defaultGroup,
    overdraft: moneyText(settings.overdraft),
    cacheHitChargePercent: String(settings.cacheHitChargePercent),
    defaultMaxOutputTokens: String(settings.defaultMaxOutputTokens),
    webSearchHoldCalls: String(settings.webSearchHoldCalls),
    planTimezone: settings.planTimezone,
    logRetentionDays: String(settings.logRetentionDays),
    responseRetentionDays: String(settings.responseRetentionDays),
    promptLogging: settings.promptLogging,
    midjourneyImageProxy: settings.midjourneyImageProxy,
    publicBaseUrl: settings.publicBaseUrl,
    logLevel: settings.logLevel,
    modelLimits: Object.entries(settings.modelLimits).map(([pattern, limit]) => ({
      id: ++rowIds,
      pattern,
      rpm: cellOf(limit.rpm),
      tpm: cellOf(limit.tpm),
      concurrency: cellOf(limit.concurrency),
    })),
  };
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The draft as the API's values, with an error per field key (`trialCredit`,
 * `modelLimits.<row id>.rpm`...) for what cannot be sent.
 */
/**
 * The fields this form edits: the top-up rules and key groups have their own pages; the site,
 * public model list and invite reward their own card (SiteSettingsCard.tsx); the email and
 * captcha settings theirs (MailSettingsSection). All are left out of its PATCH.
 */
/** What this form edits: the rest has pages (or, for model aliases, a card: ModelAliasesCard; for the routing settings, RoutingSettingsCard) of its own. */
export type PageSettings = Omit<
  Settings,
  | 'topUp'
  | 'keyGroups'
  | 'site'
  | 'publicModels'
  | 'inviteReward'
  | 'modelAliases'
  | 'defaultModels'
  | 'hedging'
  | 'streamContinuation'
  | 'routingPolicy'
  | MailSettingKey
>;

export function parseDraft(draft: SettingsDraft, t: Translate): { value: PageSettings; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const money = (field: 'trialCredit' | 'overdraft') => {
    const units = parseMoney(draft[field]);
    if (units === undefined || units < 0) errors[field] = t('settings.errors.money');
    return units ?? 0;
  };
  const trialCredit = money('trialCredit');
  const overdraft = money('overdraft');
  const percent = Number(draft.cacheHitChargePercent.trim());
  if (!draft.cacheHitChargePercent.trim() || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    errors.cacheHitChargePercent = t('settings.errors.percent');
  }
  const outputTokens = draft.defaultMaxOutputTokens.trim();
  if (!/^\d+$/.test(outputTokens) || Number(outputTokens) < 16 || Number(outputTokens) > 1_000_000) {
    errors.defaultMaxOutputTokens = t('settings.errors.outputTokens');
  }
  const searches = draft.webSearchHoldCalls.trim();
  if (!/^\d+$/.test(searches) || Number(searches) > 1_000) errors.webSearchHoldCalls = t('settings.errors.searches');
  const days = draft.logRetentionDays.trim();
  if (!/^\d+$/.test(days)) errors.logRetentionDays = t('settings.errors.days');
  const responseDays = draft.responseRetentionDays.trim();
  if (!/^\d+$/.test(responseDays) || Number(responseDays) > 3650) {
    errors.responseRetentionDays = t('settings.errors.days');
  }
  const group = draft.defaultGroup.trim();
  if (!group) errors.defaultGroup = t('settings.errors.group');
  const publicBaseUrl = draft.publicBaseUrl.trim();
  if (publicBaseUrl && !isBaseUrl(publicBaseUrl)) errors.publicBaseUrl = t('settings.errors.url');

  const modelLimits: Record<string, ModelLimit> = {};
  for (const row of draft.modelLimits) {
    const pattern = row.pattern.trim();
    if (!pattern) errors[`modelLimits.${row.id}.pattern`] = t('settings.errors.pattern');
    else if (pattern in modelLimits) errors[`modelLimits.${row.id}.pattern`] = t('settings.errors.duplicate');
    const limit: ModelLimit = {};
    for (const field of LIMIT_FIELDS) {
      const cell = row[field];
      if (cell === null) limit[field] = null;
      else if (cell.trim() === '') continue;
      else if (/^\d+$/.test(cell.trim()) && Number(cell) >= 1) limit[field] = Number(cell);
      else errors[`modelLimits.${row.id}.${field}`] = t('settings.errors.limit');
    }
    if (pattern) modelLimits[pattern] = limit;
  }

  return {
    value: {
      registrationEnabled: draft.registrationEnabled,
      requireAdminMfa: draft.requireAdminMfa,
      trialCredit,
      defaultGroup: group,
      overdraft,
      cacheHitChargePercent: percent,
      defaultMaxOutputTokens: Number(outputTokens),
      webSearchHoldCalls: Number(searches),
      planTimezone: draft.planTimezone.trim() || 'UTC',
      logRetentionDays: Number(days),
      responseRetentionDays: Number(responseDays),
      promptLogging: draft.promptLogging,
      midjourneyImageProxy: draft.midjourneyImageProxy,
      publicBaseUrl,
      logLevel: draft.logLevel,
      modelLimits,
    },
    errors,
  };
}

/** What the server takes as a public base URL: http(s), no query, fragment or credentials. */
function isBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username;
  } catch {
    return false;
  }
}

/** Only the settings that differ from what is stored (PATCH sends just those). */
export function changedFields(next: PageSettings, stored: Settings): Partial<Settings> {
  const patch: Partial<Settings> = {};
  for (const key of Object.keys(next) as (keyof PageSettings)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(stored[key])) {
      (patch as Record<string, unknown>)[key] = next[key];
    }
  }
  return patch;
}

/** Whether saving would change anything (what the fields mean, not how they are typed: "0.20" = "0.2"). */
export function isDirty(draft: SettingsDraft, stored: Settings, t: Translate): boolean {
  const { value, errors } = parseDraft(draft, t);
  if (Object.keys(errors).length > 0) {
    const strip = (d: SettingsDraft) => ({ ...d, modelLimits: d.modelLimits.map(({ id: _, ...row }) => row) });
    return JSON.stringify(strip(draft)) !== JSON.stringify(strip(draftOf(stored)));
  }
  return Object.keys(changedFields(value, stored)).length > 0;
}

/**
 * Where a server error belongs: `modelLimits.gpt-4o.rpm` → the row with that pattern
 * (`modelLimits.<row id>.rpm`); top-level names stay as they are.
 */
export function fieldKeyForParam(param: string, draft: SettingsDraft): string {
  if (!param.startsWith('modelLimits.')) return param;
  const rest = param.slice('modelLimits.'.length);
  for (const row of draft.modelLimits) {
    const pattern = row.pattern.trim();
    if (rest === pattern) return `modelLimits.${row.id}.pattern`;
    for (const field of LIMIT_FIELDS) {
      if (rest === `${pattern}.${field}`) return `modelLimits.${row.id}.${field}`;
    }
  }
  return 'modelLimits';
}
