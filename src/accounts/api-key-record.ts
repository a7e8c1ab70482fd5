import type { Selectable } from 'kysely';
import type { ApiKeyStatus, ApiKeysTable } from '../store/schema.js';
import { parseJsonList } from './authenticated-key.js';

/** An API key as its owner (or an admin) sees it: never the key or its hash. */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  /** `sk-AbCd…WxYz`. */
  hint: string;
  status: ApiKeyStatus;
  /** Spend limit in units (1e-6 USD); null = no key limit. */
  quota: number | null;
  /** Settled spend in units. */
  used: number;
  /** Open reservations against the quota, in units. */
  reserved: number;
  expiresAt: number | null;
  /** Model ids or `*` globs; null = every model. */
  allowedModels: string[] | null;
  /** IPs or CIDRs; null = any address. */
  allowedIps: string[] | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
  /** Key group (令牌分组) its requests route and are priced in; null = the owner's group. */
  group: string | null;
  lastUsedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type ApiKeyRow = Selectable<ApiKeysTable>;

/** `recentUse` is this process's in-memory last use, newer than the column until the next flush. */
export function toApiKeyRecord(row: ApiKeyRow, recentUse?: number): ApiKeyRecord {
  const stored = row.last_used_at === null ? null : Number(row.last_used_at);
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    hint: row.key_hint,
    status: row.status,
    quota: row.quota === null ? null : Number(row.quota),
    used: Number(row.used),
    reserved: Number(row.reserved),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    allowedModels: parseJsonList(row.allowed_models),
    allowedIps: parseJsonList(row.allowed_ips),
    rpmLimit: row.rpm_limit === null ? null : Number(row.rpm_limit),
    tpmLimit: row.tpm_limit === null ? null : Number(row.tpm_limit),
    concurrencyLimit: row.concurrency_limit === null ? null : Number(row.concurrency_limit),
    group: row.group_name ?? null,
    lastUsedAt: recentUse !== undefined && (stored === null || recentUse > stored) ? recentUse : stored,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
