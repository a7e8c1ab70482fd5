import { z } from 'zod';
import { OAUTH_FIELD_NAMES } from '../../../accounts/oauth/oauth-provider-configs.js';
import { OAUTH_PROVIDER_IDS } from '../../../accounts/oauth/oauth-types.js';

/** Request and response shapes of the sign-in-with-a-provider routes (/api/openapi.json). */

const providerId = z.enum(OAUTH_PROVIDER_IDS);

export const providerParams = z.object({ provider: z.string().min(1).max(40) }).strict();

export const startQuery = z
  .object({ link: z.enum(['1', 'true']).optional().describe('Link the provider to the signed-in account') })
  .strict();

export const callbackQuery = z
  .object({
    code: z.string().max(2048).optional(),
    state: z.string().max(512).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional(),
    // Providers add their own fields (Google: scope, authuser, prompt); they are ignored.
  })
  .catchall(z.string().max(4096));

export const publicProvidersResponse = z.object({
  data: z.array(z.object({ provider: providerId, displayName: z.string() })),
});

export const identitySchema = z.object({
  id: z.string(),
  provider: z.string(),
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  createdAt: z.number().int(),
});

export const identitiesResponse = z.object({ data: z.array(identitySchema) });

export const identityParams = z.object({ id: z.string().min(1).max(100) }).strict();

const fieldView = z.object({
  name: z.enum(OAUTH_FIELD_NAMES),
  secret: z.boolean(),
  envName: z.string().nullable(),
  source: z.enum(['console', 'env']).nullable(),
  value: z.string().nullable(),
});

export const adminProviderSchema = z.object({
  provider: providerId,
  displayName: z.string(),
  enabled: z.boolean(),
  configured: z.boolean(),
  baseUrl: z.string().nullable(),
  fields: z.array(fieldView),
  redirectUri: z.string().describe('Register this callback URL with the provider'),
});

export const adminProvidersResponse = z.object({ data: z.array(adminProviderSchema) });

const fieldChange = z.string().max(4096).nullable().optional();

export const adminProviderPatch = z
  .object({
    enabled: z.boolean().optional(),
    clientId: fieldChange,
    clientSecret: fieldChange.describe('Write-only: never read back'),
    baseUrl: fieldChange.describe('GitHub/LinuxDO host root, or the OIDC issuer'),
    displayName: fieldChange,
  })
  .strict();
