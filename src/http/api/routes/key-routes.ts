import type { ApiKeyService } from '../../../accounts/api-key-service.js';
import type { ApiRegistry } from '../api-route.js';
import {
  apiKeySchema,
  createdKeyResponse,
  createKeyBody,
  idParams,
  keyListResponse,
  listKeysQuery,
  updateKeyBody,
} from './account-schemas.js';

const TAGS = ['keys'];

/**
 * API key management. Ownership is enforced by ApiKeyService from the principal: users act on
 * their own keys (someone else's is a 404), admins on anyone's.
 */
export function registerKeyRoutes(api: ApiRegistry, keys: ApiKeyService): void {
  api.route(
    {
      method: 'GET',
      url: '/api/keys',
      summary: 'List your API keys (admins: any user’s with ?userId=, or all)',
      tags: TAGS,
      access: 'user',
      query: listKeysQuery,
      response: keyListResponse,
    },
    async ({ principal, query }) => keys.list(principal, query),
  );

  api.route(
    {
      method: 'POST',
      sessionOnly: true,
      url: '/api/keys',
      summary: 'Create an API key; the key is in this response only',
      tags: TAGS,
      access: 'user',
      body: createKeyBody,
      response: createdKeyResponse,
      status: 201,
    },
    async ({ principal, body }) => {
      const { key, record } = await keys.create(principal, body);
      return { key, apiKey: record };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/keys/:id',
      summary: 'One API key',
      tags: TAGS,
      access: 'user',
      params: idParams,
      response: apiKeySchema,
    },
    async ({ principal, params }) => keys.get(principal, params.id),
  );

  api.route(
    {
      method: 'PATCH',
      sessionOnly: true,
      url: '/api/keys/:id',
      summary: 'Change an API key (name, quota, expiry, allowed models and IPs, status)',
      tags: TAGS,
      access: 'user',
      params: idParams,
      body: updateKeyBody,
      response: apiKeySchema,
    },
    async ({ principal, params, body }) => keys.update(principal, params.id, body),
  );

  api.route(
    {
      method: 'DELETE',
      sessionOnly: true,
      url: '/api/keys/:id',
      summary: 'Delete an API key (it stops working at once)',
      tags: TAGS,
      access: 'user',
      params: idParams,
      status: 204,
    },
    async ({ principal, params }) => {
      await keys.delete(principal, params.id);
      return undefined;
    },
  );
}
