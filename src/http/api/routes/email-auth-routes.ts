import type { AccountEmails } from '../../../mail/account-emails.js';
import type { MailLanguage } from '../../../mail/email-templates.js';
import type { TurnstileCaptcha } from '../../../mail/turnstile.js';
import type { ApiRegistry } from '../api-route.js';
import {
  accountOptionsResponse,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  passwordResetRequestResponse,
  resendVerificationBody,
  verifyEmailBody,
  verifyEmailResponse,
} from './mail-schemas.js';

export interface EmailAuthRouteServices {
  emails: AccountEmails;
  captcha: TurnstileCaptcha;
}

const TAGS = ['auth'];

/** Email verification, password reset by email, and what the sign-in pages should offer. */
export function registerEmailAuthRoutes(api: ApiRegistry, services: EmailAuthRouteServices): void {
  const { emails, captcha } = services;

  api.route(
    {
      method: 'GET',
      url: '/api/auth/account-options',
      summary: 'What the sign-in and sign-up pages offer: password reset, email verification, the captcha',
      tags: TAGS,
      access: 'public',
      response: accountOptionsResponse,
    },
    async () => ({
      passwordReset: emails.passwordResetAvailable,
      emailVerificationRequired: emails.verificationRequired,
      captcha: captcha.publicConfig(),
    }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/verify-email',
      summary: 'Confirm an email address with the token from the emailed link (grants the trial the first time)',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      body: verifyEmailBody,
      response: verifyEmailResponse,
    },
    async ({ body }) => emails.verify(body.token),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/verify-email/resend',
      sessionOnly: true,
      summary: 'Send the verification link again (a few times per quarter hour)',
      tags: TAGS,
      access: 'user',
      limitedPerAddress: true,
      body: resendVerificationBody,
      status: 204,
    },
    async ({ principal, body }) => {
      await emails.resendVerification(principal.userId, languageOf(body?.language));
      return undefined;
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/password-reset/request',
      summary:
        'Email a password reset link (the same answer whether or not the email has an account; limited per address and email)',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      body: passwordResetRequestBody,
      response: passwordResetRequestResponse,
    },
    async ({ body, request }) => {
      await emails.requestPasswordReset(body.email, request.ip, languageOf(body.language));
      return { accepted: true as const };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      summary: 'Set a new password with the token from the emailed link (ends every session of the account)',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      body: passwordResetConfirmBody,
      status: 204,
    },
    async ({ body }) => {
      await emails.confirmPasswordReset(body.token, body.password);
      return undefined;
    },
  );
}

export function languageOf(language: MailLanguage | undefined): MailLanguage {
  return language ?? 'en';
}
