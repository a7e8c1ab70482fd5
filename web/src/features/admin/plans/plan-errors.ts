import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import i18n from '../../../lib/i18n';

/** Codes of the plan routes with their own text in plansAdmin:errors; everything else goes to errorMessage. */
const PLAN_ERRORS = ['plan_not_found', 'plan_archived', 'subscription_not_found', 'user_not_found'] as const;

/** A failed plan or subscription operation, in the person's language. */
export function planErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code && (PLAN_ERRORS as readonly string[]).includes(error.code)) {
    return i18n.t(`errors.${error.code}` as 'errors.plan_not_found', { ns: 'plansAdmin' });
  }
  return errorMessage(error);
}
