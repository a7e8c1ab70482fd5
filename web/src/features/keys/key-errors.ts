import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import i18n from '../../lib/i18n';

/** Codes of the key routes with their own text in keys:errors; everything else goes to errorMessage. */
const KEY_ERRORS = ['session_required', 'too_many_keys', 'key_not_found', 'key_group_unavailable'] as const;

/** A failed key operation, in the person's language. */
export function keyErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code && (KEY_ERRORS as readonly string[]).includes(error.code)) {
    return i18n.t(`errors.${error.code}` as 'errors.too_many_keys', { ns: 'keys' });
  }
  return errorMessage(error);
}

export function isSessionRequired(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'session_required';
}
