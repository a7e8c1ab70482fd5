/** Shared set-up for the accounts tests (not shipped code: imported only by *.test.ts). */

import { newId } from '../platform/ids.js';
import { SettingsService } from '../platform/settings.js';
import type { Store } from '../store/database.js';
import { ApiKeyService } from './api-key-service.js';
import { KeyCache } from './key-cache.js';
import type { Principal } from './principal.js';
import { UserService } from './user-service.js';

export function accountServices(store: Store, now: () => number) {
  const settings = new SettingsService(store, now);
  const users = new UserService(store, settings, { now, newId });
  const cache = new KeyCache(store, { now });
  const keys = new ApiKeyService(store, cache, { now, newId });
  users.onChange(({ userId }) => cache.invalidateUser(userId));
  return { settings, users, cache, keys };
}

export function actorFor(user: { id: string; role: 'user' | 'admin'; group: string }): Principal {
  return { userId: user.id, role: user.role, group: user.group, via: 'session', csrfToken: 'csrf' };
}
