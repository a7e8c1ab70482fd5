import type { FastifyRequest } from 'fastify';
import type { UserRole } from '../../store/schema.js';

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

export interface PrincipalResolver {
  /**
   * The caller, from the session cookie or an API key (`Authorization: Bearer`, `x-api-key`).
   * Undefined when the request carries neither; throws a 401 GatewayError for a bad one.
   */
  resolve(request: FastifyRequest): Promise<Principal | undefined>;
}
