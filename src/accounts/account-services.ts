import { type AttemptCounters, attemptCounters } from '../limits/attempt-counter.js';
import { newId as defaultNewId } from '../platform/ids.js';
import type { SettingsService } from '../platform/settings.js';
import type { Store } from '../store/database.js';
import { ApiKeyService } from './api-key-service.js';
import { KeyCache } from './key-cache.js';
import { SelectableKeyGroups } from './key-groups.js';
import { LoginSecurityStore } from './login-security-store.js';
import { LoginThrottle, RegistrationThrottle } from './login-throttle.js';
import { PlaygroundKeys } from './playground-keys.js';
import { SessionService } from './session-service.js';
import { BOOTSTRAP_ADMIN_ID } from './user-record.js';
import { UserService } from './user-service.js';

export interface AccountServicesOptions {
  store: Store;
  settings: SettingsService;
  now?: () => number;
  newId?: (prefix: string) => string;
  /** SHA-256 of AIHUB_ADMIN_KEY (raw bytes or hex), e.g. `resolveAdminKey(...).hash`. */
  adminKeyHash?: Buffer | string;
  /** How often key last-used times are written (default 5 s). */
  lastUsedFlushMs?: number;
  /** Background failures (last-used flush, session purge); they are retried, never thrown. */
  onError?: (error: unknown) => void;
  /** Where sign-in and sign-up attempts are counted: shared through Redis by the cluster (default: this process). */
  attemptCounters?: AttemptCounters;
}

export interface AccountServices {
  users: UserService;
  sessions: SessionService;
  keys: ApiKeyService;
  /** The console playground's session credentials. */
  playground: PlaygroundKeys;
  keyCache: KeyCache;
  loginThrottle: LoginThrottle;
  registrationThrottle: RegistrationThrottle;
  /** Familiar sign-in addresses and the sign-in pauses owners are told about. */
  loginSecurity: LoginSecurityStore;
  /** Stops the timers and writes pending last-used times. */
  close(): Promise<void>;
}

const SESSION_PURGE_INTERVAL_MS = 60 * 60_000;

/**
 * Builds the account services, wired together: a user change (disable, role, group, password)
 * drops that user's cached sessions and refreshes their cached keys before the change returns;
 * revoked sessions and a password change revoke the playground credentials with them.
 * Ensures the bootstrap admin exists, loads every key into memory, registers the admin key.
 */
export async function createAccountServices(options: AccountServicesOptions): Promise<AccountServices> {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? defaultNewId;
  const { store, settings } = options;
  const adminKeyHex =
    options.adminKeyHash === undefined
      ? undefined
      : typeof options.adminKeyHash === 'string'
        ? options.adminKeyHash
        : options.adminKeyHash.toString('hex');
  const users = new UserService(store, settings, {
    now,
    newId,
    ...(adminKeyHex ? { bootstrapAdminKeyHash: adminKeyHex } : {}),
  });
  const sessions = new SessionService(store, { now });
  const keyCache = new KeyCache(store, {
    now,
    selectableGroups: new SelectableKeyGroups(() => settings.value.keyGroups),
    ...(options.lastUsedFlushMs !== undefined ? { flushIntervalMs: options.lastUsedFlushMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const keys = new ApiKeyService(store, keyCache, { now, newId, keyGroups: () => settings.value.keyGroups });
  const playground = new PlaygroundKeys(store, keyCache, { now, newId });
  users.onChange(async ({ userId, reason }) => {
    sessions.forgetUser(userId);
    await keyCache.invalidateUser(userId);
    if (reason === 'password') await playground.revokeForUser(userId);
  });
  sessions.onRevoke(async (revocation) => {
    if ('sessionId' in revocation) await playground.revokeForSession(revocation.sessionId);
    else await playground.revokeForUser(revocation.userId, revocation.exceptSessionId);
  });

  await users.ensureBootstrapAdmin();
  await keyCache.load();
  if (options.adminKeyHash !== undefined) {
    keyCache.addBootstrapKey(options.adminKeyHash);
    // Picks up the bootstrap admin's stored group for its key; nothing changed, so nothing to broadcast.
    await keyCache.invalidateUser(BOOTSTRAP_ADMIN_ID, { fromRemote: true });
  }
  keyCache.start();
  const purge = setInterval(() => {
    sessions.purgeExpired().catch((error) => options.onError?.(error));
    playground.purgeExpired().catch((error) => options.onError?.(error));
  }, SESSION_PURGE_INTERVAL_MS);
  purge.unref();

  const counters = options.attemptCounters ?? attemptCounters();
  const loginSecurity = new LoginSecurityStore(store, { now, newId });
  return {
    users,
    sessions,
    keys,
    playground,
    keyCache,
    loginThrottle: new LoginThrottle({ counters, security: loginSecurity, now, onError: options.onError }),
    registrationThrottle: new RegistrationThrottle({ counters }),
    loginSecurity,
    async close() {
      clearInterval(purge);
      await keyCache.close();
    },
  };
}
