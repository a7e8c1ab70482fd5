import type { AccountServices } from '../../../accounts/account-services.js';
import type { ApiRegistry } from '../api-route.js';
import { registerAuthRoutes, type SignUpExtras } from './auth-routes.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerPlaygroundRoutes } from './playground-routes.js';
import { registerUserAdminRoutes } from './user-admin-routes.js';

export type AccountRouteServices = Pick<
  AccountServices,
  'users' | 'sessions' | 'keys' | 'playground' | 'loginThrottle' | 'registrationThrottle' | 'loginSecurity'
> & { now?: () => number } & SignUpExtras;

/** Every account route: /api/auth/*, /api/keys*, /api/playground/credential, /api/admin/users*. */
export function registerAccountRoutes(api: ApiRegistry, services: AccountRouteServices): void {
  registerAuthRoutes(api, services);
  registerKeyRoutes(api, services.keys);
  registerPlaygroundRoutes(api, services.playground);
  registerUserAdminRoutes(api, services.users);
}
