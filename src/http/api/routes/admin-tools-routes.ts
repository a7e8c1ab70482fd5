/**
 * The administrators' everyday tools over users and keys: create a user (how people get in while
 * registration is closed), change many balances at once, see every user's keys and switch any of
 * them off. Every route needs the admin role (ApiRegistry checks it).
 */
import { z } from 'zod';
import { listKeysForAdmin } from '../../../accounts/admin-key-query.js';
import { createUserByAdmin } from '../../../accounts/admin-user-create.js';
import type { ApiKeyService } from '../../../accounts/api-key-service.js';
import type { KeyCache } from '../../../accounts/key-cache.js';
import type { UserService } from '../../../accounts/user-service.js';
import { adjustBalances, BULK_ADJUST_MAX_USERS } from '../../../billing/bulk-adjust.js';
import type { Ledger } from '../../../billing/ledger.js';
import type { Store } from '../../../store/database.js';
import type { ApiRegistry } from '../api-route.js';
import { apiKeySchema, idParams, userSchema } from './account-schemas.js';

export interface AdminToolRouteServices {
  store: Store;
  users: UserService;
  keys: ApiKeyService;
  keyCache: KeyCache;
  ledger: Ledger;
  settings: { readonly value: { defaultGroup: string } };
  now: () => number;
  newId: (prefix: string) => string;
}

const units = z.number().int().describe('Units of 1e-6 USD');

const createUserBody = z.strictObject({
  email: z.string().max(320),
  password: z.string().max(1024).optional().describe('Absent: a password is generated and returned once'),
  displayName: z.string().max(100).nullable().optional(),
  role: z.enum(['user', 'admin']).optional(),
  group: z.string().max(64).optional().describe('Absent: the default group'),
  initialBalance: units.min(0).optional().describe('Credited as an adjust ledger entry'),
});

const createdUserResponse = z.object({
  user: userSchema,
  generatedPassword: z.string().optional().describe('Only when none was given: shown this once, never again'),
});

const bulkBalanceBody = z.strictObject({
  userIds: z.array(z.string().min(1).max(100)).min(1).max(BULK_ADJUST_MAX_USERS),
  amount: units.describe('Added to each balance; negative subtracts'),
  reason: z.string().max(500),
});

const bulkBalanceResponse = z.object({
  applied: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({
      userId: z.string(),
      ok: z.boolean(),
      entryId: z.string().optional(),
      balance: units.optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

const adminKeysQuery = z.object({
  userId: z.string().max(100).optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
  query: z.string().max(320).optional().describe('Key name, hint or id, or the owner’s email'),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const adminKeySchema = apiKeySchema.extend({ ownerEmail: z.string() });

export function registerAdminToolRoutes(api: ApiRegistry, services: AdminToolRouteServices): void {
  api.route(
    {
      method: 'POST',
      url: '/api/admin/users',
      summary: 'Create a user (with a generated password when none is given) and an initial balance',
      tags: ['admin'],
      access: 'admin',
      body: createUserBody,
      response: createdUserResponse,
      status: 201,
    },
    async ({ principal, body }) => {
      const created = await createUserByAdmin(
        { ...services, defaultGroup: services.settings.value.defaultGroup },
        principal.userId,
        body,
      );
      const user = await services.users.require(created.userId);
      return created.generatedPassword === undefined
        ? { user }
        : { user, generatedPassword: created.generatedPassword };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/users/balance',
      summary: 'Add to or subtract from many users’ balances: one ledger entry each, every outcome reported',
      tags: ['admin'],
      access: 'admin',
      body: bulkBalanceBody,
      response: bulkBalanceResponse,
    },
    async ({ principal, body }) => {
      const results = await adjustBalances(services.ledger, principal.userId, body);
      const applied = results.filter((result) => result.ok).length;
      return { applied, failed: results.length - applied, results };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/keys',
      summary: 'Every user’s API keys, filtered by owner, status or a search, with the owner’s email',
      tags: ['admin'],
      access: 'admin',
      query: adminKeysQuery,
      response: z.object({ data: z.array(adminKeySchema), total: z.number().int() }),
    },
    async ({ query }) => listKeysForAdmin(services.store, query, (id) => services.keyCache.lastUsedAt(id)),
  );

  api.route(
    {
      method: 'PATCH',
      url: '/api/admin/keys/:id',
      summary: 'Disable or enable any user’s API key; it takes effect on the next request, on every replica',
      tags: ['admin'],
      access: 'admin',
      params: idParams,
      body: z.strictObject({ status: z.enum(['enabled', 'disabled']) }),
      response: apiKeySchema,
    },
    async ({ principal, params, body }) => services.keys.update(principal, params.id, { status: body.status }),
  );
}
