import type { SelectQueryBuilder } from 'kysely';
import type { Principal } from '../accounts/principal.js';
import { GatewayError } from '../ir/index.js';
import type { Database } from '../store/schema.js';

/** Who is reading the request log: admins see every row, everyone else only their own. */
export type LogViewer = Pick<Principal, 'userId' | 'role'>;

export function isAdmin(viewer: LogViewer): boolean {
  return viewer.role === 'admin';
}

/**
 * Restricts a request_logs query to what the viewer may see, AND-ed with the requested user
 * filter: a non-admin asking for someone else's rows gets none (ownership lives in the query,
 * never in the caller's good behaviour).
 */
export function scopeToViewer<O>(
  query: SelectQueryBuilder<Database, 'request_logs', O>,
  viewer: LogViewer,
  userId: string | undefined,
): SelectQueryBuilder<Database, 'request_logs', O> {
  let scoped = query;
  if (!isAdmin(viewer)) scoped = scoped.where('request_logs.user_id', '=', viewer.userId);
  if (userId !== undefined) scoped = scoped.where('request_logs.user_id', '=', userId);
  return scoped;
}

/** Throws the admin-only refusal unless the viewer is an administrator. */
export function requireAdmin(viewer: LogViewer): void {
  if (!isAdmin(viewer)) {
    throw new GatewayError({ kind: 'permission', message: 'This needs an administrator.', code: 'admin_required' });
  }
}
