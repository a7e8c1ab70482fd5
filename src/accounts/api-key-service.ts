import type { Updateable } from 'kysely';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { ApiKeyStatus, ApiKeysTable } from '../store/schema.js';
import { keyNotFound, userNotFound } from './account-errors.js';
import { apiKeyHint, generateApiKey, hashApiKey } from './api-key-format.js';
import { type ApiKeyRecord, type ApiKeyRow, toApiKeyRecord } from './api-key-record.js';
import type { KeyCache } from './key-cache.js';
import { isKeyGroupAvailable, type KeyGroup, keyGroupNotAllowed } from './key-groups.js';
import { normalizeAllowedIps, normalizeAllowedModels } from './key-rules.js';
import type { Principal } from './principal.js';

export interface ApiKeyServiceOptions {
  now: () => number;
  newId: (prefix: string) => string;
  /** A user may hold at most this many keys (default 200): keeps the in-memory cache bounded per user. */
  maxKeysPerUser?: number;
  /** The key groups users may pick (settings); absent: none besides the owner's own group. */
  keyGroups?: () => readonly KeyGroup[];
}

export interface ApiKeyInput {
  name: string;
  /** Spend limit in units; null/absent = none. */
  quota?: number | null;
  expiresAt?: number | null;
  allowedModels?: string[] | null;
  allowedIps?: string[] | null;
  /** Requests per minute, tokens per minute, concurrent requests for this key; null = none. */
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  concurrencyLimit?: number | null;
  /** Key group (令牌分组): the owner's own group or a selectable one; null/absent = the owner's group. */
  group?: string | null;
}

export interface ApiKeyPatch extends Partial<ApiKeyInput> {
  status?: ApiKeyStatus;
}

export interface ApiKeyListFilter {
  /** Admins: whose keys (absent = everyone's). Others: only their own id is accepted. */
  userId?: string;
  limit?: number;
  offset?: number;
}

/**
 * API key management with ownership checked here, on every call, from the acting Principal:
 * a user sees and changes only their own keys, an admin anyone's. Someone else's key answers
 * 404 exactly like a missing one, so ids cannot be probed. Every change is pushed into the
 * KeyCache before the call returns, so the relay sees it on the next request. Only `standard`
 * keys are managed here: playground credentials (PlaygroundKeys) are invisible, 404 like a
 * missing key, and do not count towards the per-user limit.
 */
export class ApiKeyService {
  constructor(
    private readonly store: Store,
    private readonly cache: KeyCache,
    private readonly options: ApiKeyServiceOptions,
  ) {}

  /** Creates a key for the actor (or, for an admin, `input.userId`). The plaintext key is returned once. */
  async create(
    actor: Principal,
    input: ApiKeyInput & { userId?: string },
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const ownerId = input.userId ?? actor.userId;
    await this.checkOwnerVisible(actor, ownerId);
    const group = await this.cleanGroup(ownerId, input.group);
    const count = await this.store.db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', ownerId)
      .where('kind', '=', 'standard')
      .executeTakeFirstOrThrow();
    const max = this.options.maxKeysPerUser ?? 200;
    if (Number(count.n) >= max) {
      throw new GatewayError({
        kind: 'invalid_request',
        message: `At most ${max} API keys per user.`,
        code: 'too_many_keys',
      });
    }
    const key = generateApiKey();
    const at = this.options.now();
    const id = this.options.newId('key');
    await this.store.db
      .insertInto('api_keys')
      .values({
        id,
        user_id: ownerId,
        kind: 'standard',
        name: cleanName(input.name),
        key_hash: hashApiKey(key),
        key_hint: apiKeyHint(key),
        quota: cleanQuota(input.quota),
        used: 0,
        reserved: 0,
        expires_at: this.cleanExpiry(input.expiresAt),
        allowed_models: toJson(normalizeAllowedModels(input.allowedModels)),
        allowed_ips: toJson(normalizeAllowedIps(input.allowedIps)),
        rpm_limit: input.rpmLimit ?? null,
        tpm_limit: input.tpmLimit ?? null,
        concurrency_limit: input.concurrencyLimit ?? null,
        group_name: group,
        status: 'enabled',
        last_used_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await this.cache.reloadKey(id);
    return { key, record: await this.get(actor, id) };
  }

  /** Own keys; admins any user's (`userId`) or everyone's. Newest first, with the total. */
  async list(actor: Principal, filter: ApiKeyListFilter = {}): Promise<{ data: ApiKeyRecord[]; total: number }> {
    const userId = actor.role === 'admin' ? filter.userId : (filter.userId ?? actor.userId);
    if (userId !== undefined) await this.checkOwnerVisible(actor, userId);
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const offset = Math.max(filter.offset ?? 0, 0);
    let rows = this.store.db.selectFrom('api_keys').where('kind', '=', 'standard');
    if (userId !== undefined) rows = rows.where('user_id', '=', userId);
    const [data, count] = await Promise.all([
      rows.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
      rows.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { data: data.map((row) => this.toRecord(row)), total: Number(count.n) };
  }

  async get(actor: Principal, keyId: string): Promise<ApiKeyRecord> {
    return this.toRecord(await this.owned(actor, keyId));
  }

  async update(actor: Principal, keyId: string, patch: ApiKeyPatch): Promise<ApiKeyRecord> {
    const row = await this.owned(actor, keyId);
    const values: Updateable<ApiKeysTable> = { updated_at: this.options.now() };
    if (patch.name !== undefined) values.name = cleanName(patch.name);
    if (patch.quota !== undefined) values.quota = cleanQuota(patch.quota);
    if (patch.expiresAt !== undefined) values.expires_at = this.cleanExpiry(patch.expiresAt);
    if (patch.allowedModels !== undefined) values.allowed_models = toJson(normalizeAllowedModels(patch.allowedModels));
    if (patch.allowedIps !== undefined) values.allowed_ips = toJson(normalizeAllowedIps(patch.allowedIps));
    if (patch.status !== undefined) values.status = patch.status;
    if (patch.rpmLimit !== undefined) values.rpm_limit = patch.rpmLimit;
    if (patch.tpmLimit !== undefined) values.tpm_limit = patch.tpmLimit;
    if (patch.concurrencyLimit !== undefined) values.concurrency_limit = patch.concurrencyLimit;
    if (patch.group !== undefined) values.group_name = await this.cleanGroup(row.user_id, patch.group);
    await this.store.db
      .updateTable('api_keys')
      .set(values)
      .where('id', '=', keyId)
      .where('user_id', '=', row.user_id)
      .execute();
    await this.cache.reloadKey(keyId);
    return this.get(actor, keyId);
  }

  async delete(actor: Principal, keyId: string): Promise<void> {
    const row = await this.owned(actor, keyId);
    await this.store.db.deleteFrom('api_keys').where('id', '=', keyId).where('user_id', '=', row.user_id).execute();
    await this.cache.reloadKey(keyId);
  }

  /** The key's row if the actor may see it; otherwise the same 404 as for a missing key. */
  private async owned(actor: Principal, keyId: string): Promise<ApiKeyRow> {
    const row = await this.store.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', keyId)
      .where('kind', '=', 'standard')
      .executeTakeFirst();
    if (!row || (actor.role !== 'admin' && row.user_id !== actor.userId)) throw keyNotFound();
    return row;
  }

  /** Non-admins may only name themselves; admins may name any existing user. */
  private async checkOwnerVisible(actor: Principal, userId: string): Promise<void> {
    if (actor.role !== 'admin') {
      if (userId !== actor.userId) throw userNotFound();
      return;
    }
    const user = await this.store.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw userNotFound();
  }

  /** The group as stored: null for none; otherwise one the owner may use now, or a 400. */
  private async cleanGroup(ownerId: string, group: string | null | undefined): Promise<string | null> {
    if (group == null || group.trim() === '') return null;
    const name = group.trim();
    const owner = await this.store.db
      .selectFrom('users')
      .select('group_name')
      .where('id', '=', ownerId)
      .executeTakeFirst();
    if (!owner) throw userNotFound();
    if (!isKeyGroupAvailable(this.options.keyGroups?.() ?? [], name, owner.group_name)) throw keyGroupNotAllowed(name);
    return name;
  }

  private toRecord(row: ApiKeyRow): ApiKeyRecord {
    return toApiKeyRecord(row, this.cache.lastUsedAt(row.id));
  }

  private cleanExpiry(expiresAt: number | null | undefined): number | null {
    if (expiresAt == null) return null;
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= this.options.now()) {
      throw invalid('expiresAt', 'The expiry must be a future time in milliseconds since the epoch.');
    }
    return expiresAt;
  }
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) throw invalid('name', 'A key name is 1-100 characters.');
  return trimmed;
}

function cleanQuota(quota: number | null | undefined): number | null {
  if (quota == null) return null;
  if (!Number.isSafeInteger(quota) || quota < 0) {
    throw invalid('quota', 'The quota is a whole, non-negative number of units (1 unit = 1e-6 USD).');
  }
  return quota;
}

function toJson(list: string[] | null): string | null {
  return list === null ? null : JSON.stringify(list);
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_value' });
}
