import { mfaEnrolmentRequired } from '../../accounts/mfa/mfa-errors.js';
import type { TotpService } from '../../accounts/mfa/totp-service.js';
import type { SettingsService } from '../../platform/settings.js';
import type { RouteGuard } from './api-route.js';

/**
 * When the operator requires it (`requireAdminMfa`), an administrator's console session reaches
 * admin routes only once their 2FA is on; until then those answer 403 `mfa_enrolment_required`
 * (the console sends them to enrol). API keys, AIHUB_ADMIN_KEY among them, are not sessions and
 * are unaffected: scripts keep working.
 */
export function adminMfaGuard(settings: SettingsService, totp: Pick<TotpService, 'isEnabled'>): RouteGuard {
  return async function requireAdminMfa(spec, principal) {
    if (spec.access !== 'admin' || principal?.via !== 'session' || !settings.value.requireAdminMfa) return;
    if (!(await totp.isEnabled(principal.userId))) throw mfaEnrolmentRequired();
  };
}
