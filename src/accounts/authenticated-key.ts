import type { ApiKeyKind, ApiKeyStatus, UserRole, UserStatus } from '../store/schema.js';
import { compileIpMatcher, compileModelMatcher } from './key-rules.js';
import type { Principal } from './principal.js';

/** Per-minute request and token limits and a concurrency cap; null = no limit at this level. */
export interface RateLimits {
  rpm: number | null;
  tpm: number | null;
  concurrency: number | null;
}

export const NO_LIMITS: RateLimits = Object.freeze({ rpm: null, tpm: null, concurrency: null });

/** What the hot path knows about the caller after one in-memory look-up. Immutable; shared between requests. */
export interface AuthenticatedKey {
  principal: Principal;
  keyId: string;
  /** `playground`: the console playground's session credential, valid on /v1 only. */
  kind: ApiKeyKind;
  userId: string;
  userStatus: UserStatus;
  keyStatus: ApiKeyStatus;
  expiresAt: number | null;
  /** Spend limit in units; null = no key limit (the balance still applies). */
  quota: number | null;
  /**
   * No quota, no balance check, no charge: the bootstrap admin key (every model and address too),
   * and an administrator's playground key.
   */
  unmetered: boolean;
  /** The key's own rate limits and its owner's. */
  keyLimits: RateLimits;
  userLimits: RateLimits;
  /** The key's group (令牌分组), which `principal.group` then is; null = the owner's group. */
  keyGroup: string | null;
  /** The owner's own group, always available to their keys. */
  ownerGroup: string;
  allowsModel(model: string): boolean;
  allowsIp(ip: string): boolean;
}

/** The key's own fields, as cached (restrictions already parsed from their JSON columns). */
export interface CachedKeyData {
  id: string;
  kind: ApiKeyKind;
  userId: string;
  hash: string;
  status: ApiKeyStatus;
  expiresAt: number | null;
  quota: number | null;
  allowedModels: string[] | null;
  allowedIps: string[] | null;
  unmetered: boolean;
  limits: RateLimits;
  /** The key group its requests route and are priced in; null = the owner's group. */
  group: string | null;
}

/** The owner's fields that matter per request; changes rebuild every key of the user. */
export interface CachedUserData {
  role: UserRole;
  group: string;
  status: UserStatus;
  limits: RateLimits;
}

/** Compiles the key's rules once (RegExp, BlockList) into the object every request gets. */
export function buildAuthenticatedKey(key: CachedKeyData, user: CachedUserData): AuthenticatedKey {
  const principal: Principal = Object.freeze({
    userId: key.userId,
    role: user.role,
    // Routing and pricing read the principal's group: a key group takes the owner's place.
    group: key.group ?? user.group,
    via: 'api-key' as const,
    keyId: key.id,
  });
  return Object.freeze({
    principal,
    keyId: key.id,
    kind: key.kind,
    userId: key.userId,
    userStatus: user.status,
    keyStatus: key.status,
    expiresAt: key.expiresAt,
    quota: key.quota,
    // An administrator trying models in the console playground is not a customer: their
    // playground key is unmetered like the bootstrap admin key (no balance check, no charge), so a
    // zero balance never blocks the operator's own tests. Their other keys are billed as usual.
    unmetered: key.unmetered || (key.kind === 'playground' && user.role === 'admin'),
    keyLimits: key.limits,
    userLimits: user.limits,
    keyGroup: key.group,
    ownerGroup: user.group,
    allowsModel: compileModelMatcher(key.allowedModels),
    allowsIp: compileIpMatcher(key.allowedIps),
  });
}

/** JSON list columns as arrays; a malformed hand-edited value allows nothing rather than everything. */
export function parseJsonList(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** Limit columns (`rpm_limit`...) as RateLimits. */
export function limitsFromRow(row: {
  rpm_limit: number | null;
  tpm_limit: number | null;
  concurrency_limit: number | null;
}): RateLimits {
  // Most keys and users have no limits of their own: one shared object instead of one each.
  if (row.rpm_limit === null && row.tpm_limit === null && row.concurrency_limit === null) return NO_LIMITS;
  return {
    rpm: row.rpm_limit === null ? null : Number(row.rpm_limit),
    tpm: row.tpm_limit === null ? null : Number(row.tpm_limit),
    concurrency: row.concurrency_limit === null ? null : Number(row.concurrency_limit),
  };
}
