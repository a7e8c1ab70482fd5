import type { AccountServices } from '../../../accounts/account-services.js';
import type { MfaServices } from '../../../accounts/mfa/mfa-services.js';
import type { SettingsService } from '../../../platform/settings.js';
import { adminMfaGuard } from '../admin-mfa-guard.js';
import type { ApiRegistry } from '../api-route.js';
import { type AuthRouteServices, registerAuthRoutes, type SignUpExtras } from './auth-routes.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerMfaRoutes } from './mfa-routes.js';
import { registerPasskeyRoutes } from './passkey-routes.js';
import { registerPlaygroundRoutes } from './playground-routes.js';
import { registerUserAdminRoutes } from './user-admin-routes.js';

export type AccountRouteServices = Pick<
  AccountServices,
  'users' | 'sessions' | 'keys' | 'playground' | 'loginThrottle' | 'registrationThrottle' | 'loginSecurity'
> & {
  now?: () => number;
  invitations?: AuthRouteServices['invitations'];
  /** Two-factor authentication and passkeys (with the settings that say whether admins need 2FA). */
  mfa?: { services: MfaServices; settings: SettingsService };
} & SignUpExtras;

/** Every account route: /api/auth/*, /api/keys*, /api/playground/credential, /api/admin/users*. */
export function registerAccountRoutes(api: ApiRegistry, services: AccountRouteServices): void {
  const mfa = services.mfa;
  registerAuthRoutes(api, { ...services, mfa: mfa?.services });
  if (mfa) {
    const deps = { ...services, mfa: mfa.services, settings: mfa.settings };
    registerMfaRoutes(api, deps);
    registerPasskeyRoutes(api, deps);
    api.addGuard(adminMfaGuard(mfa.settings, mfa.services.totp));
  }
  registerKeyRoutes(api, services.keys);
  registerPlaygroundRoutes(api, services.playground);
  registerUserAdminRoutes(api, services.users);
}
