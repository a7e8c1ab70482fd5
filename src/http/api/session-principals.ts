import type { FastifyRequest } from 'fastify';
import type { KeyCache } from '../../accounts/key-cache.js';
import type { Principal } from '../../accounts/principal.js';
import { readCookie, SESSION_COOKIE } from '../../accounts/session-cookie.js';
import type { SessionService } from '../../accounts/session-service.js';
import { GatewayError } from '../../ir/index.js';
import { extractApiKey } from '../auth.js';
import type { PrincipalResolver } from './principal-resolver.js';

/** The session token from the request's cookie, if any. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return readCookie(request.headers.cookie, SESSION_COOKIE) || undefined;
}

/**
 * Who calls the REST API: the console user behind the `aihub_session` cookie (with the session's
 * CSRF token, which mutating requests must echo), or else the owner of the API key sent as
 * `Authorization: Bearer` / `x-api-key` (checked in memory by the KeyCache, including the key's
 * address restrictions). A stale or unknown cookie is ignored rather than refused, so the login
 * page still works; a bad API key is a 401. The playground's session credential is for /v1 only:
 * here it is a 403, so a credential handed to the browser cannot act on the account.
 */
export class SessionPrincipals implements PrincipalResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly keys: KeyCache,
  ) {}

  async resolve(request: FastifyRequest): Promise<Principal | undefined> {
    const token = sessionTokenOf(request);
    if (token) {
      const verified = await this.sessions.verify(token);
      if (verified) {
        const { user, session } = verified;
        return { userId: user.id, role: user.role, group: user.group, via: 'session', csrfToken: session.csrfToken };
      }
    }
    // No `?key=` here: keys in URLs end up in logs and browser history; REST callers use headers.
    const rawKey = extractApiKey(request.raw, undefined);
    if (!rawKey) return undefined;
    const auth = this.keys.authenticate(rawKey);
    if (auth.kind === 'playground') {
      throw new GatewayError({
        kind: 'permission',
        message: 'The playground credential only calls the /v1 API; the console API needs its session.',
        code: 'playground_key_scope',
      });
    }
    this.keys.authorize(auth, undefined, request.ip);
    return auth.principal;
  }
}
