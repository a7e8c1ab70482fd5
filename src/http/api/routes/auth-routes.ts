import type { AccountServices } from '../../../accounts/account-services.js';
import type { MfaServices } from '../../../accounts/mfa/mfa-services.js';
import { clearedSessionCookie } from '../../../accounts/session-cookie.js';
import { SessionService } from '../../../accounts/session-service.js';
import type { AccountEmails } from '../../../mail/account-emails.js';
import type { TurnstileCaptcha } from '../../../mail/turnstile.js';
import type { ApiRegistry } from '../api-route.js';
import { sessionTokenOf } from '../session-principals.js';
import {
  changePasswordBody,
  loginBody,
  loginNoticesResponse,
  meResponse,
  registerBody,
  registerResponse,
} from './account-schemas.js';
import { languageOf } from './email-auth-routes.js';
import { loginResponse } from './mfa-schemas.js';
import { cookieFor, isHttps, startSession } from './session-start.js';

export type AuthRouteServices = Pick<
  AccountServices,
  'users' | 'sessions' | 'loginThrottle' | 'registrationThrottle' | 'loginSecurity'
> & {
  now?: () => number;
  /** Records who invited a new user (`invite` in the body); unknown codes are ignored. */
  invitations?: { recordInvite(inviteeId: string, code: string | undefined): Promise<boolean> };
  /** When given, a password sign-in to an account with 2FA answers a challenge instead of a session. */
  mfa?: Pick<MfaServices, 'totp' | 'login'>;
} & SignUpExtras;

/** Optional guards of sign-up and sign-in (mail/): the captcha, and email verification at sign-up. */
export interface SignUpExtras {
  captcha?: Pick<TurnstileCaptcha, 'check'>;
  emails?: Pick<AccountEmails, 'verificationRequired' | 'sendVerificationLater'>;
}

const TAGS = ['auth'];

/** Register, log in and out, who am I, change password: the console's session lifecycle. */
export function registerAuthRoutes(api: ApiRegistry, services: AuthRouteServices): void {
  const { users, sessions } = services;
  const now = services.now ?? Date.now;

  api.route(
    {
      method: 'POST',
      url: '/api/auth/register',
      summary: 'Create an account (with the trial credit) and log in',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      body: registerBody,
      response: registerResponse,
      status: 201,
    },
    async ({ body, request, reply }) => {
      await services.registrationThrottle.admit(request.ip);
      await services.captcha?.check(body.captchaToken, request.ip);
      const verify = services.emails?.verificationRequired === true;
      const { user, trialCredit } = await users.register(body.email, body.password, body.displayName, {
        verified: !verify,
      });
      if (verify) services.emails?.sendVerificationLater(user, languageOf(body.language));
      await services.loginThrottle.signedUp(request.ip, user.id);
      await services.invitations?.recordInvite(user.id, body.invite);
      const { cookie, csrfToken } = await startSession(sessions, user.id, request, now);
      reply.header('set-cookie', cookie);
      return { user, trialCredit, csrfToken };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/login',
      summary:
        'Log in with email and password (limited per address, per address and account, and per account from new addresses); with 2FA on, answers a challenge for POST /api/auth/mfa/verify instead of a session',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      body: loginBody,
      response: loginResponse,
    },
    async ({ body, request, reply }) => {
      const attempt = await services.loginThrottle.admit(request.ip, body.email);
      await services.captcha?.check(body.captchaToken, request.ip);
      const user = await users.verifyCredentials(body.email, body.password);
      await services.loginThrottle.succeeded(attempt, user.id);
      if (services.mfa && (await services.mfa.totp.isEnabled(user.id))) {
        return { mfaRequired: true as const, challenge: await services.mfa.login.start(user.id) };
      }
      const { cookie, csrfToken } = await startSession(sessions, user.id, request, now);
      reply.header('set-cookie', cookie);
      return { user, csrfToken };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/auth/login-notices',
      summary:
        'Times sign-ins to your account were paused after failed attempts from new addresses, not yet acknowledged',
      tags: TAGS,
      access: 'user',
      response: loginNoticesResponse,
    },
    async ({ principal }) => ({ data: await services.loginSecurity.unacknowledged(principal.userId) }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/login-notices/acknowledge',
      sessionOnly: true,
      summary: 'Mark every sign-in pause notice as seen',
      tags: TAGS,
      access: 'user',
      status: 204,
    },
    async ({ principal }) => {
      await services.loginSecurity.acknowledge(principal.userId);
      return undefined;
    },
  );

  api.route(
    { method: 'POST', url: '/api/auth/logout', summary: 'End this session', tags: TAGS, access: 'user', status: 204 },
    async ({ principal, request, reply }) => {
      const token = sessionTokenOf(request);
      if (principal.via === 'session' && token) await sessions.revoke(token);
      reply.header('set-cookie', clearedSessionCookie(isHttps(request)));
      return undefined;
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/auth/me',
      summary: 'The calling user, with balance, role and group',
      tags: TAGS,
      access: 'user',
      response: meResponse,
    },
    async ({ principal, request, reply }) => {
      const user = await users.require(principal.userId);
      if (principal.via === 'api-key') return { user, via: principal.via, keyId: principal.keyId };
      // The server-side expiry slides with use; renew the cookie's lifetime to match.
      const token = sessionTokenOf(request);
      const verified = token ? await sessions.verify(token) : undefined;
      if (token && verified) reply.header('set-cookie', cookieFor(request, token, verified.session.expiresAt - now()));
      return { user, via: principal.via, csrfToken: principal.csrfToken };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/password',
      sessionOnly: true,
      summary: 'Change your password (ends your other sessions)',
      tags: TAGS,
      access: 'user',
      body: changePasswordBody,
      status: 204,
    },
    async ({ principal, body, request }) => {
      const token = principal.via === 'session' ? sessionTokenOf(request) : undefined;
      const keep = token ? SessionService.idFor(token) : undefined;
      await users.changePassword(principal.userId, body.currentPassword, body.newPassword, keep);
      return undefined;
    },
  );
}
