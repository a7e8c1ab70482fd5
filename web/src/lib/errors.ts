import { ApiError } from './api';
import i18n from './i18n';

/**
 * A message for a person, in the current language: the translation of the server's error code
 * when there is one (common:errors.<code>), else the server's own message, else a generic line.
 * Call it while rendering (components re-render when the language changes).
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const key = error.code ?? (error.status === 429 ? 'rate_limit' : error.status >= 500 ? 'server_error' : null);
    if (key && i18n.exists(`errors.${key}`, { ns: 'common' })) {
      return i18n.t(`errors.${key}` as 'errors.unknown', { ns: 'common' });
    }
    if (error.message) return error.message;
  }
  return i18n.t('errors.unknown', { ns: 'common' });
}
