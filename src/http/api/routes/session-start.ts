import type { FastifyReply, FastifyRequest } from 'fastify';
import { accountDisabled } from '../../../accounts/account-errors.js';
import type { MfaServices } from '../../../accounts/mfa/mfa-services.js';
import { sessionCookie } from '../../../accounts/session-cookie.js';
import type { SessionService } from '../../../accounts/session-service.js';
import type { UserService } from '../../../accounts/user-service.js';
import type { SettingsService } from '../../../platform/settings.js';

/** What the two-factor and passkey routes need: both end a sign-in by starting a session. */
export interface SecondFactorRouteServices {
  mfa: MfaServices;
  users: UserService;
  sessions: SessionService;
  settings: SettingsService;
  now?: () => number;
}

/**
 * Starts a console session for `userId` from this request (its address and user agent recorded)
 * and returns the session's cookie line and CSRF token; the caller sets the cookie (alone, or with
 * others).
 */
export async function startSession(
  sessions: SessionService,
  userId: string,
  request: FastifyRequest,
  now: () => number,
): Promise<{ cookie: string; csrfToken: string }> {
  const session = await sessions.create(userId, request.ip, userAgent(request));
  return { cookie: cookieFor(request, session.token, session.expiresAt - now()), csrfToken: session.csrfToken };
}

/**
 * The end of a sign-in whose proof named the user (a two-factor code, a passkey): the account must
 * still be active; answers the user and the CSRF token, with the session cookie set.
 */
export async function signInAs(
  services: Pick<SecondFactorRouteServices, 'users' | 'sessions' | 'now'>,
  userId: string,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const user = await services.users.require(userId);
  if (user.status !== 'active') throw accountDisabled();
  const { cookie, csrfToken } = await startSession(services.sessions, user.id, request, services.now ?? Date.now);
  reply.header('set-cookie', cookie);
  return { user, csrfToken };
}

export function cookieFor(request: FastifyRequest, token: string, remainingMs: number): string {
  return sessionCookie(token, { maxAgeSeconds: remainingMs / 1000, secure: isHttps(request) });
}

export function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function userAgent(request: FastifyRequest): string | null {
  const value = request.headers['user-agent'];
  return typeof value === 'string' ? value : null;
}
