import { z } from 'zod';

/**
 * Request and response shapes of the account routes. Requests are validated with them (unknown
 * fields are refused, so a typo cannot silently do nothing); responses are documented by them in
 * /api/openapi.json. Money is integer units of 1e-6 USD; times are milliseconds since the epoch.
 */

const units = z.number().int().describe('Units of 1e-6 USD');
const epochMs = z.number().int().describe('Milliseconds since the Unix epoch');

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(['user', 'admin']),
  group: z.string(),
  status: z.enum(['active', 'disabled']),
  balance: units,
  reserved: units,
  hasPassword: z.boolean(),
  emailVerified: z.boolean().describe('Whether the user confirmed their email address through a link'),
  rpmLimit: z.number().int().nullable(),
  tpmLimit: z.number().int().nullable(),
  concurrencyLimit: z.number().int().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
});

export const apiKeySchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  hint: z.string().describe('sk-AbCd…WxYz'),
  status: z.enum(['enabled', 'disabled']),
  quota: units.nullable().describe('Spend limit in units; null = none'),
  used: units,
  reserved: units,
  expiresAt: epochMs.nullable(),
  allowedModels: z.array(z.string()).nullable().describe('Model ids or * globs; null = all'),
  allowedIps: z.array(z.string()).nullable().describe('IPs or CIDRs; null = any'),
  rpmLimit: z.number().int().nullable().describe('Requests per minute; null = no key limit'),
  tpmLimit: z.number().int().nullable().describe('Tokens per minute; null = no key limit'),
  concurrencyLimit: z.number().int().nullable().describe('Requests at once; null = no key limit'),
  group: z.string().nullable().describe('Key group its requests route and are priced in; null = the owner’s group'),
  lastUsedAt: epochMs.nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
});

// Length caps here only bound the work; the services apply the real rules (and name the field).
const email = z.string().max(320);
const password = z.string().max(1024);

const captchaToken = z.string().max(4096).optional().describe('The Turnstile token, when the captcha is on');
const language = z.enum(['en', 'zh']).optional().describe("The console's language, for the emails sent");

export const registerBody = z.strictObject({
  email,
  password,
  displayName: z.string().max(100).optional(),
  invite: z
    .string()
    .max(64)
    .optional()
    .describe('An invite code (from ?invite= on the sign-up link); unknown ones are ignored'),
  captchaToken,
  language,
});

export const loginBody = z.strictObject({ email, password, captchaToken });

export const changePasswordBody = z.strictObject({ currentPassword: password, newPassword: password });

export const sessionResponse = z.object({
  user: userSchema,
  csrfToken: z.string().describe('Send as x-csrf-token on POST/PUT/PATCH/DELETE with the session cookie'),
});

export const registerResponse = sessionResponse.extend({ trialCredit: units });

export const loginNoticesResponse = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        startedAt: epochMs.describe('When sign-ins from new addresses were paused'),
        endsAt: epochMs.describe('When the pause ended (or ends)'),
        failedAttempts: z.number().int().describe('Failed sign-ins from new addresses that caused it'),
      }),
    )
    .describe('Pauses of sign-ins to your account the owner has not acknowledged, newest first'),
});

export const meResponse = z.object({
  user: userSchema,
  via: z.enum(['session', 'api-key']),
  csrfToken: z.string().optional(),
  keyId: z.string().optional(),
});

const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();
const offset = z.coerce.number().int().min(0).optional();

export const idParams = z.object({ id: z.string().min(1).max(100) });

const keyFields = {
  name: z.string().max(100),
  quota: units.min(0).nullable().optional(),
  expiresAt: epochMs.nullable().optional(),
  allowedModels: z.array(z.string().max(200)).max(200).nullable().optional(),
  allowedIps: z.array(z.string().max(64)).max(100).nullable().optional(),
  rpmLimit: z.number().int().min(1).max(1_000_000).nullable().optional(),
  tpmLimit: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
  concurrencyLimit: z.number().int().min(1).max(100_000).nullable().optional(),
  group: z
    .string()
    .max(64)
    .nullable()
    .optional()
    .describe('Key group: the owner’s own group or one listed by GET /api/key-groups; null = the owner’s group'),
};

export const createKeyBody = z.strictObject({
  ...keyFields,
  userId: z.string().optional().describe('Admins only: create the key for this user'),
});

export const updateKeyBody = z.strictObject({
  ...keyFields,
  name: keyFields.name.optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
});

export const listKeysQuery = z.object({
  userId: z.string().optional().describe('Admins: whose keys (default: all). Others: only their own id'),
  limit: limit(500),
  offset,
});

export const createdKeyResponse = z.object({
  key: z.string().describe('The API key itself: shown this once, never again'),
  apiKey: apiKeySchema,
});

export const keyListResponse = z.object({ data: z.array(apiKeySchema), total: z.number().int() });

export const listUsersQuery = z.object({
  query: z.string().max(320).optional().describe('Email substring or exact user id'),
  role: z.enum(['user', 'admin']).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  limit: limit(200),
  offset,
});

export const userListResponse = z.object({ data: z.array(userSchema), total: z.number().int() });

export const updateUserBody = z.strictObject({
  role: z.enum(['user', 'admin']).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  group: z.string().max(64).optional(),
  displayName: z.string().max(100).nullable().optional(),
  password: password.optional().describe('Sets a new password and ends all the user’s sessions'),
  rpmLimit: z.number().int().min(1).max(1_000_000).nullable().optional(),
  tpmLimit: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
  concurrencyLimit: z.number().int().min(1).max(100_000).nullable().optional(),
});
