/**
 * Shapes of the key routes, from the server's OpenAPI document (see api/schema.ts). Money is
 * integer units of 1e-6 USD; times are milliseconds since the epoch; null limits mean "none".
 */
import type { ApiRequest, ApiResponse } from '../../api/schema';

export type ApiKey = ApiResponse<'/api/keys/{id}', 'patch'>;
export type KeyList = ApiResponse<'/api/keys', 'get'>;
/** `POST /api/keys`: `key` is the secret itself, in this response only. */
export type CreatedKey = ApiResponse<'/api/keys', 'post'>;
export type KeyPatch = ApiRequest<'/api/keys/{id}', 'patch'>;
/** What the key form edits: everything a patch may change but the status. */
export type KeyFields = Omit<KeyPatch, 'status'>;

/** What the list shows as the key's state: its status, or why an enabled key does not work. */
export type KeyState = 'active' | 'disabled' | 'expired' | 'exhausted';

export function keyState(key: ApiKey, now: number = Date.now()): KeyState {
  if (key.status === 'disabled') return 'disabled';
  if (key.expiresAt !== null && key.expiresAt <= now) return 'expired';
  if (key.quota !== null && key.used >= key.quota) return 'exhausted';
  return 'active';
}
