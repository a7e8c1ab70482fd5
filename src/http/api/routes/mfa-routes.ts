import type { ApiRegistry } from '../api-route.js';
import {
  backupCodesResponse,
  codeBody,
  disableTotpBody,
  mfaStatusResponse,
  mfaVerifyBody,
  sessionResponse,
  totpSetupResponse,
} from './mfa-schemas.js';
import { type SecondFactorRouteServices, signInAs } from './session-start.js';

const TAGS = ['auth'];

/** Two-factor authentication: status, enrolment, backup codes, turning it off, and the sign-in's second step. */
export function registerMfaRoutes(api: ApiRegistry, services: SecondFactorRouteServices): void {
  const { mfa, users, settings } = services;

  api.route(
    {
      method: 'GET',
      url: '/api/auth/mfa',
      summary: 'Whether two-factor authentication is on, backup codes left, and whether it is required of you',
      tags: TAGS,
      access: 'user',
      response: mfaStatusResponse,
    },
    async ({ principal }) => {
      const status = await mfa.totp.status(principal.userId);
      return {
        totpEnabled: status.enabled,
        backupCodesRemaining: status.backupCodesRemaining,
        enrolmentRequired: principal.role === 'admin' && settings.value.requireAdminMfa && !status.enabled,
      };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/mfa/totp/setup',
      sessionOnly: true,
      summary: 'Start enrolling an authenticator app: a new secret, active once confirmed with a code',
      tags: TAGS,
      access: 'user',
      response: totpSetupResponse,
    },
    async ({ principal }) => {
      const user = await users.require(principal.userId);
      return mfa.totp.begin(user.id, user.email);
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/mfa/totp/confirm',
      sessionOnly: true,
      summary: 'Turn two-factor authentication on with a first code; answers the backup codes, shown once',
      tags: TAGS,
      access: 'user',
      body: codeBody,
      response: backupCodesResponse,
    },
    async ({ principal, body }) => ({ backupCodes: await mfa.totp.confirm(principal.userId, body.code) }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/mfa/backup-codes',
      sessionOnly: true,
      summary: 'Replace the backup codes (the old ones stop working), after a current code',
      tags: TAGS,
      access: 'user',
      body: codeBody,
      response: backupCodesResponse,
    },
    async ({ principal, body }) => ({
      backupCodes: await mfa.totp.regenerateBackupCodes(principal.userId, body.code),
    }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/mfa/totp/disable',
      sessionOnly: true,
      summary: 'Turn two-factor authentication off, with a current code (or backup code) or your password',
      tags: TAGS,
      access: 'user',
      body: disableTotpBody,
      status: 204,
    },
    async ({ principal, body }) => {
      await mfa.totp.disable(principal.userId, body);
      return undefined;
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/mfa/verify',
      summary:
        'The second step of a sign-in: the challenge from the login answer and a code (app or backup); starts the session',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      body: mfaVerifyBody,
      response: sessionResponse,
    },
    async ({ body, request, reply }) => {
      const { userId } = await mfa.login.finish(body.challenge, body.code);
      return signInAs(services, userId, request, reply);
    },
  );
}
