import { z } from 'zod';
import { MAIL_PROBLEM_CODES } from '../../../mail/mail-config.js';

/** Request and response shapes of the email verification, password reset, mail and captcha routes. */

const token = z.string().min(1).max(256).describe('The token from the emailed link');
const language = z.enum(['en', 'zh']).optional().describe("The console's language, for the email sent");

export const verifyEmailBody = z.strictObject({ token });

export const verifyEmailResponse = z.object({
  trialCredit: z.number().int().describe('Units credited now (the trial, the first time an address is confirmed)'),
});

export const resendVerificationBody = z.strictObject({ language }).optional();

export const passwordResetRequestBody = z.strictObject({
  email: z.string().max(320),
  language,
});

export const passwordResetRequestResponse = z.object({
  accepted: z.literal(true).describe('Always true: whether the email has an account is never told'),
});

export const passwordResetConfirmBody = z.strictObject({ token, password: z.string().max(1024) });

export const accountOptionsResponse = z.object({
  passwordReset: z.boolean().describe('Whether "forgot password" works (mail is configured)'),
  emailVerificationRequired: z.boolean().describe('Whether new users confirm their address before the trial'),
  captcha: z
    .object({
      provider: z.literal('turnstile'),
      siteKey: z.string(),
      scriptUrl: z.string().describe('The widget script, for explicit rendering'),
    })
    .nullable()
    .describe('The captcha shown on sign-up and sign-in; null: none'),
});

export const mailAdminResponse = z.object({
  mail: z.object({
    configured: z.boolean(),
    source: z.enum(['console', 'env']).nullable().describe('Where the SMTP server comes from (the console wins)'),
    problem: z.string().nullable().describe('Why mail cannot be sent, when it cannot (English)'),
    problemCode: z.enum(MAIL_PROBLEM_CODES).nullable().describe('The same, as a code to translate'),
    envUrlSet: z.boolean().describe('Whether SMTP_URL is set in the environment'),
    envFromSet: z.boolean().describe('Whether SMTP_FROM is set in the environment'),
    passwordSet: z.boolean().describe('Whether an SMTP password is set in the console (never shown)'),
  }),
  turnstile: z.object({
    secretKeySet: z.boolean().describe('Whether the Turnstile secret key is set (never shown)'),
    inForce: z.boolean().describe('Whether sign-up and sign-in ask for the captcha now'),
  }),
});

export const mailSecretsBody = z.strictObject({
  smtpPassword: z.string().max(1024).nullable().optional().describe('A new SMTP password; null or empty clears it'),
  turnstileSecretKey: z
    .string()
    .max(1024)
    .nullable()
    .optional()
    .describe('A new Turnstile secret key; null or empty clears it'),
});

export const testMailBody = z.strictObject({
  to: z.string().max(320).describe('Where to send the test email'),
  language,
});
