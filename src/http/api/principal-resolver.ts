import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../accounts/principal.js';

export interface PrincipalResolver {
  /**
   * The caller, from the session cookie or an API key (`Authorization: Bearer`, `x-api-key`).
   * Undefined when the request carries neither; throws a 401 GatewayError for a bad one.
   */
  resolve(request: FastifyRequest): Promise<Principal | undefined>;
}
