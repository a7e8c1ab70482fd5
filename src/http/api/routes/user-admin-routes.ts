import { checkPasswordPolicy } from '../../../accounts/password.js';
import type { UserService } from '../../../accounts/user-service.js';
import type { ApiRegistry } from '../api-route.js';
import { idParams, listUsersQuery, updateUserBody, userListResponse, userSchema } from './account-schemas.js';

const TAGS = ['admin'];

/** User administration; every route needs the admin role (ApiRegistry checks it). */
export function registerUserAdminRoutes(api: ApiRegistry, users: UserService): void {
  api.route(
    {
      method: 'GET',
      url: '/api/admin/users',
      summary: 'Search users by email, role and status',
      tags: TAGS,
      access: 'admin',
      query: listUsersQuery,
      response: userListResponse,
    },
    async ({ query }) => users.list(query),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/users/:id',
      summary: 'One user',
      tags: TAGS,
      access: 'admin',
      params: idParams,
      response: userSchema,
    },
    async ({ params }) => users.require(params.id),
  );

  api.route(
    {
      method: 'PATCH',
      url: '/api/admin/users/:id',
      summary: 'Change a user’s role, status, group, display name or password',
      tags: TAGS,
      access: 'admin',
      params: idParams,
      body: updateUserBody,
      response: userSchema,
    },
    async ({ params, body }) => {
      const { password, ...patch } = body;
      // Check everything before changing anything, so a bad field never leaves half an edit.
      if (password !== undefined) checkPasswordPolicy(password);
      const user = await users.update(params.id, patch);
      if (password === undefined) return user;
      await users.setPassword(params.id, password);
      return users.require(params.id);
    },
  );
}
