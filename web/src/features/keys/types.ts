/**
 * Shapes of the key routes (src/http/api/routes/account-schemas.ts). Money is integer units of
 * 1e-6 USD; times are milliseconds since the epoch; null limits mean "none".
 */

export interface ApiKey {
  id: string;
  userId: string;
  name: string;
  /** `sk-AbCd…WxYz`: the only part of a key the console ever shows after its creation. */
  hint: string;
  status: 'enabled' | 'disabled';
  quota: number | null;
  used: number;
  reserved: number;
  expiresAt: number | null;
  /** Model ids or `*` globs; null = every model. */
  allowedModels: string[] | null;
  /** IPs or CIDRs; null = any address. */
  allowedIps: string[] | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
  lastUsedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface KeyList {
  data: ApiKey[];
  total: number;
}

/** `POST /api/keys`: `key` is the secret itself, in this response only. */
export interface CreatedKey {
  key: string;
  apiKey: ApiKey;
}

export interface KeyFields {
  name?: string;
  quota?: number | null;
  expiresAt?: number | null;
  allowedModels?: string[] | null;
  allowedIps?: string[] | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  concurrencyLimit?: number | null;
}

export interface KeyPatch extends KeyFields {
  status?: 'enabled' | 'disabled';
}

/** What the list shows as the key's state: its status, or why an enabled key does not work. */
export type KeyState = 'active' | 'disabled' | 'expired' | 'exhausted';

export function keyState(key: ApiKey, now: number = Date.now()): KeyState {
  if (key.status === 'disabled') return 'disabled';
  if (key.expiresAt !== null && key.expiresAt <= now) return 'expired';
  if (key.quota !== null && key.used >= key.quota) return 'exhausted';
  return 'active';
}
