import { z } from 'zod';
import { sessionResponse } from './account-schemas.js';

/** Request and response shapes of the two-factor and passkey routes (documented in /api/openapi.json). */

const epochMs = z.number().int().describe('Milliseconds since the Unix epoch');
const code = z.string().min(1).max(64).describe('A 6-digit code from the authenticator app, or a backup code');

export const mfaStatusResponse = z.object({
  totpEnabled: z.boolean(),
  backupCodesRemaining: z.number().int(),
  enrolmentRequired: z
    .boolean()
    .describe('An administrator must turn 2FA on before admin tools work (the operator requires it)'),
});

export const totpSetupResponse = z.object({
  secret: z.string().describe('Base32 secret, to type into an app that cannot scan the QR code'),
  otpauthUri: z.string().describe('otpauth://totp/... (what the QR code carries)'),
});

export const codeBody = z.strictObject({ code });

export const backupCodesResponse = z.object({
  backupCodes: z.array(z.string()).describe('Each works once; shown only now'),
});

export const disableTotpBody = z
  .strictObject({ code: code.optional(), password: z.string().max(1024).optional() })
  .refine((body) => body.code || body.password, { message: 'Give a current code or your password' });

export const mfaVerifyBody = z.strictObject({
  challenge: z.string().min(1).max(200).describe('From the login answer'),
  code,
});

export const loginResponse = z.union([
  sessionResponse,
  z.object({
    mfaRequired: z.literal(true),
    challenge: z
      .string()
      .describe('Single use, valid 5 minutes: send it with a code to POST /api/auth/mfa/verify; not a session'),
  }),
]);

export const passkeySchema = z.object({
  id: z.string().describe('The credential id (base64url)'),
  name: z.string(),
  createdAt: epochMs,
  lastUsedAt: epochMs.nullable(),
});

export const passkeyListResponse = z.object({ data: z.array(passkeySchema) });

/** WebAuthn's JSON options, passed to the browser as they are (`@simplewebauthn/browser` reads them). */
export const creationOptionsResponse = z.looseObject({
  challenge: z.string(),
  rp: z.looseObject({ id: z.string().optional(), name: z.string() }),
});
export const requestOptionsResponse = z.looseObject({ challenge: z.string(), rpId: z.string().optional() });

/** A credential as `@simplewebauthn/browser` serialises it; the library checks the rest. */
const credentialJson = z.looseObject({
  id: z.string().max(1024),
  rawId: z.string().max(1024),
  type: z.literal('public-key'),
  clientExtensionResults: z.looseObject({}),
});

export const registerPasskeyBody = z.strictObject({
  name: z.string().trim().min(1).max(64),
  response: credentialJson.extend({
    response: z.looseObject({ clientDataJSON: z.string(), attestationObject: z.string() }),
  }),
});

export const passkeyLoginBody = z.strictObject({
  response: credentialJson.extend({
    response: z.looseObject({
      clientDataJSON: z.string(),
      authenticatorData: z.string(),
      signature: z.string(),
      userHandle: z.string().optional(),
    }),
  }),
});

export const passkeyParams = z.object({ id: z.string().min(1).max(1024) });

export { sessionResponse };
