/** How the command line names users and acts on accounts. */
import type { Principal } from '../accounts/principal.js';
import type { User } from '../accounts/user-record.js';
import { BOOTSTRAP_ADMIN_ID } from '../accounts/user-record.js';
import type { UserService } from '../accounts/user-service.js';

/**
 * The operator at the shell holds the database itself, so the services see them as the bootstrap
 * administrator (ownership checks pass for every account, as they do for any admin).
 */
export const OPERATOR: Principal = { userId: BOOTSTRAP_ADMIN_ID, role: 'admin', group: 'default', via: 'api-key' };

/** A user by id (`usr_…`) or by email; the service's own 404 when neither matches. */
export async function findUser(users: UserService, idOrEmail: string): Promise<User> {
  const byId = await users.get(idOrEmail);
  if (byId) return byId;
  if (idOrEmail.includes('@')) {
    const byEmail = await users.findByEmail(idOrEmail);
    if (byEmail) return byEmail;
  }
  return users.require(idOrEmail);
}
