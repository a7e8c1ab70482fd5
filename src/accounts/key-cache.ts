import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { ApiKeyKind, ApiKeyStatus, UserRole, UserStatus } from '../store/schema.js';
import { hashApiKey } from './api-key-format.js';
import {
  type AuthenticatedKey,
  buildAuthenticatedKey,
  type CachedKeyData,
  type CachedUserData,
  limitsFromRow,
  NO_LIMITS,
  parseJsonList,
} from './authenticated-key.js';
import { keyGroupUnavailable } from './key-groups.js';
import { LastUsedRecorder, type LastUsedRecorderOptions } from './last-used-recorder.js';
import { BOOTSTRAP_ADMIN_ID } from './user-record.js';

export type { AuthenticatedKey } from './authenticated-key.js';

/** The id the bootstrap admin key (AIHUB_ADMIN_KEY) carries; it has no database row. */
export const BOOTSTRAP_KEY_ID = 'key_admin';

/** What changed, for listeners that tell other replicas (Redis pub/sub) to reload it. */
export type KeyCacheChange = { kind: 'key'; keyId: string } | { kind: 'user'; userId: string };

export interface KeyCacheOptions extends LastUsedRecorderOptions {
  now: () => number;
  /** Key groups users may pick now (settings); absent: only a key's owner's own group is available. */
  selectableGroups?: { has(group: string): boolean };
}

interface Entry {
  data: CachedKeyData;
  /** The owner as this key sees it (the bootstrap key's always an admin). */
  user: CachedUserData;
  /**
   * Built on the key's first use: most of a large deployment's keys are never presented to a
   * given process, and the built form (principal, matchers) is most of an entry's memory.
   */
  auth?: AuthenticatedKey;
}

/**
 * Every API key in memory, indexed by hash, so authenticating a request is one SHA-256 and one
 * Map look-up with no database read (DESIGN.md §5). Loaded whole at start; kept current by the
 * services calling `reloadKey` / `invalidateUser` after each change they make. Listeners hear
 * about those changes so another replica can be told to reload the same key or user (a change
 * applied with `{ fromRemote: true }` is not echoed back).
 */
export class KeyCache {
  private readonly byHash = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();
  private readonly keyIdsByUser = new Map<string, Set<string>>();
  private readonly users = new Map<string, CachedUserData>();
  private bootstrapHash: string | undefined;
  private readonly listeners = new Set<(change: KeyCacheChange) => void>();
  private readonly lastUsed: LastUsedRecorder;

  constructor(
    private readonly store: Store,
    private readonly options: KeyCacheOptions,
  ) {
    this.lastUsed = new LastUsedRecorder(store, options);
  }

  /** (Re)loads every key with its owner's role, group and status: one query with a join. */
  async load(): Promise<void> {
    const rows = await this.selectKeys().execute();
    this.byHash.clear();
    this.byId.clear();
    this.keyIdsByUser.clear();
    this.users.clear();
    // Memory per key matters with 100,000 keys (issue 5, scale: ~1 KB a key, 106 MB, raised the
    // GC's share of CPU): a user's data is one object shared by their keys, and the strings every
    // row repeats (kinds, statuses, roles, groups, user ids) are one copy each, not one per row.
    const strings = new Map<string, string>();
    const intern = <T extends string>(text: T): T => {
      const known = strings.get(text);
      if (known !== undefined) return known as T;
      strings.set(text, text);
      return text;
    };
    for (const row of rows) {
      const data = toKeyData(row);
      data.kind = intern(data.kind);
      data.status = intern(data.status);
      data.userId = intern(data.userId);
      if (data.group !== null) data.group = intern(data.group);
      let user = this.users.get(data.userId);
      if (!user) {
        user = toUserData(row);
        user.role = intern(user.role);
        user.group = intern(user.group);
        user.status = intern(user.status);
      }
      this.put(data, user);
    }
    if (this.bootstrapHash) this.putBootstrap(this.bootstrapHash);
  }

  /** Starts the periodic last-used flush. */
  start(): void {
    this.lastUsed.start();
  }

  /** Stops the flush timer and writes what is pending. */
  async close(): Promise<void> {
    await this.lastUsed.close();
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * The caller behind a raw key, or a GatewayError: 401 for a missing, unknown, disabled or
   * expired key, 403 when the owner's account is disabled. Reads memory only.
   */
  authenticate(rawKey: string | undefined, now: number = this.options.now()): AuthenticatedKey {
    if (!rawKey) {
      throw new GatewayError({
        kind: 'authentication',
        message: "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.",
        code: 'missing_api_key',
      });
    }
    const entry = this.byHash.get(hashApiKey(rawKey));
    if (!entry) {
      throw new GatewayError({
        kind: 'authentication',
        message: 'Incorrect API key provided.',
        code: 'invalid_api_key',
      });
    }
    entry.auth ??= buildAuthenticatedKey(entry.data, entry.user);
    const { auth } = entry;
    if (auth.keyStatus !== 'enabled') {
      throw new GatewayError({
        kind: 'authentication',
        message: 'This API key is disabled.',
        code: 'api_key_disabled',
      });
    }
    if (auth.expiresAt !== null && auth.expiresAt <= now) {
      throw new GatewayError({ kind: 'authentication', message: 'This API key has expired.', code: 'api_key_expired' });
    }
    if (auth.userStatus !== 'active') {
      throw new GatewayError({ kind: 'permission', message: 'This account is disabled.', code: 'account_disabled' });
    }
    // Checked per request (one Set look-up), so removing a group or making it unselectable takes
    // effect at once: the key is refused, never silently moved back to its owner's group.
    const { keyGroup } = auth;
    if (keyGroup !== null && keyGroup !== auth.ownerGroup && !this.options.selectableGroups?.has(keyGroup)) {
      throw keyGroupUnavailable(keyGroup);
    }
    if (!auth.unmetered) this.lastUsed.record(auth.keyId, now);
    return auth;
  }

  /**
   * 403 unless the key may call `model` from `ip`. Pass `model` undefined when the request names
   * none (REST calls). A missing `ip` fails a key that restricts addresses: fail closed.
   */
  authorize(auth: AuthenticatedKey, model: string | undefined, ip: string | undefined): void {
    if (model !== undefined && !auth.allowsModel(model)) {
      throw new GatewayError({
        kind: 'permission',
        message: `This API key is not allowed to use the model '${model}'.`,
        param: 'model',
        code: 'model_not_allowed',
      });
    }
    if (!auth.allowsIp(ip ?? '')) {
      throw new GatewayError({
        kind: 'permission',
        message: `This API key may not be used from ${ip ?? 'an unknown address'}.`,
        code: 'ip_not_allowed',
      });
    }
  }

  /**
   * Registers the AIHUB_ADMIN_KEY hash (hex or raw bytes) as an unmetered key of the bootstrap
   * admin. There is one such key: registering another replaces it.
   */
  addBootstrapKey(hash: Buffer | string): void {
    const hex = typeof hash === 'string' ? hash.toLowerCase() : hash.toString('hex');
    this.bootstrapHash = hex;
    this.putBootstrap(hex);
  }

  /** Re-reads one key (after create, update or delete); a key no longer in the database leaves the cache. */
  async reloadKey(keyId: string, options: { fromRemote?: boolean } = {}): Promise<void> {
    const row = await this.selectKeys().where('api_keys.id', '=', keyId).executeTakeFirst();
    if (row) {
      this.put(toKeyData(row), toUserData(row));
    } else if (keyId !== BOOTSTRAP_KEY_ID) {
      this.remove(keyId);
      this.lastUsed.forget(keyId);
    }
    if (!options.fromRemote) this.notify({ kind: 'key', keyId });
  }

  /** Re-reads a user's role, group and status (after an admin change) into all their keys. */
  async invalidateUser(userId: string, options: { fromRemote?: boolean } = {}): Promise<void> {
    const row = await this.store.db
      .selectFrom('users')
      .select(['role', 'group_name', 'status', 'rpm_limit', 'tpm_limit', 'concurrency_limit'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (row) {
      this.users.set(userId, { role: row.role, group: row.group_name, status: row.status, limits: limitsFromRow(row) });
      for (const keyId of this.keyIdsByUser.get(userId) ?? []) {
        const entry = this.byId.get(keyId);
        if (entry) this.put(entry.data, this.users.get(userId)!);
      }
    } else {
      for (const keyId of [...(this.keyIdsByUser.get(userId) ?? [])])
        if (keyId !== BOOTSTRAP_KEY_ID) this.remove(keyId);
    }
    if (!options.fromRemote) this.notify({ kind: 'user', userId });
  }

  onChange(listener: (change: KeyCacheChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The latest use this process recorded, newer than `api_keys.last_used_at` until the next flush. */
  lastUsedAt(keyId: string): number | undefined {
    return this.lastUsed.latest(keyId);
  }

  /** Writes pending last-used times now (tests, shutdown). */
  flushLastUsed(): Promise<void> {
    return this.lastUsed.flush();
  }

  private putBootstrap(hash: string): void {
    const user = this.users.get(BOOTSTRAP_ADMIN_ID) ?? {
      role: 'admin',
      group: 'default',
      status: 'active',
      limits: NO_LIMITS,
    };
    const data: CachedKeyData = {
      id: BOOTSTRAP_KEY_ID,
      kind: 'standard',
      userId: BOOTSTRAP_ADMIN_ID,
      hash,
      status: 'enabled',
      expiresAt: null,
      quota: null,
      allowedModels: null,
      allowedIps: null,
      unmetered: true,
      limits: NO_LIMITS,
      group: null,
    };
    this.put(data, user);
  }

  private put(data: CachedKeyData, user: CachedUserData): void {
    const previous = this.byId.get(data.id);
    if (previous && previous.data.hash !== data.hash) this.byHash.delete(previous.data.hash);
    if (data.id !== BOOTSTRAP_KEY_ID) this.users.set(data.userId, user);
    // The admin key is always an admin's, whatever the row says (UserService refuses to demote it anyway).
    const effective: CachedUserData = data.unmetered ? { ...user, role: 'admin' } : user;
    const entry: Entry = { data, user: effective };
    this.byId.set(data.id, entry);
    this.byHash.set(data.hash, entry);
    const ids = this.keyIdsByUser.get(data.userId) ?? new Set<string>();
    ids.add(data.id);
    this.keyIdsByUser.set(data.userId, ids);
  }

  private remove(keyId: string): void {
    const entry = this.byId.get(keyId);
    if (!entry) return;
    this.byId.delete(keyId);
    this.byHash.delete(entry.data.hash);
    this.keyIdsByUser.get(entry.data.userId)?.delete(keyId);
  }

  private notify(change: KeyCacheChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private selectKeys() {
    return this.store.db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .select([
        'api_keys.id',
        'api_keys.kind',
        'api_keys.user_id',
        'api_keys.key_hash',
        'api_keys.status',
        'api_keys.expires_at',
        'api_keys.quota',
        'api_keys.allowed_models',
        'api_keys.allowed_ips',
        'api_keys.rpm_limit',
        'api_keys.tpm_limit',
        'api_keys.concurrency_limit',
        'api_keys.group_name as key_group',
        'users.role',
        'users.group_name',
        'users.status as user_status',
        'users.rpm_limit as user_rpm_limit',
        'users.tpm_limit as user_tpm_limit',
        'users.concurrency_limit as user_concurrency_limit',
      ]);
  }
}

interface KeyRow {
  id: string;
  kind: ApiKeyKind;
  user_id: string;
  key_hash: string;
  status: ApiKeyStatus;
  expires_at: number | null;
  quota: number | null;
  allowed_models: string | null;
  allowed_ips: string | null;
  key_group: string | null;
  role: UserRole;
  group_name: string;
  user_status: UserStatus;
  rpm_limit: number | null;
  tpm_limit: number | null;
  concurrency_limit: number | null;
  user_rpm_limit: number | null;
  user_tpm_limit: number | null;
  user_concurrency_limit: number | null;
}

function toKeyData(row: KeyRow): CachedKeyData {
  return {
    id: row.id,
    kind: row.kind,
    userId: row.user_id,
    hash: row.key_hash,
    status: row.status,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    quota: row.quota === null ? null : Number(row.quota),
    allowedModels: parseJsonList(row.allowed_models),
    allowedIps: parseJsonList(row.allowed_ips),
    unmetered: false,
    limits: limitsFromRow(row),
    group: row.key_group,
  };
}

function toUserData(row: KeyRow): CachedUserData {
  return {
    role: row.role,
    group: row.group_name,
    status: row.user_status,
    limits: limitsFromRow({
      rpm_limit: row.user_rpm_limit,
      tpm_limit: row.user_tpm_limit,
      concurrency_limit: row.user_concurrency_limit,
    }),
  };
}
