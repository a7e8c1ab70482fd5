import type { UserRole } from '../store/schema.js';

/** Who is calling the REST API (or the relay): a user, through a console session or an API key. */
export interface Principal {
  userId: string;
  role: UserRole;
  group: string;
  via: 'session' | 'api-key';
  /** The API key used, when via an API key. */
  keyId?: string;
  /** The session's CSRF token, when via a session: mutating requests must echo it. */
  csrfToken?: string;
}
