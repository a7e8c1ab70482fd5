import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import i18n from '../../../lib/i18n';

/** Server codes the payment and plan routes answer with that have their own payments:errors.* text. */
export const PAYMENT_ERROR_CODES = [
  'payment_method_unavailable',
  'payment_provider_error',
  'plans_unavailable',
  'plan_not_found',
  'plan_not_payable',
  'plan_archived',
  'order_not_found',
  'insufficient_balance',
] as const;

/** A payment failure in the person's language (call while rendering or in a handler). */
export function paymentErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code && (PAYMENT_ERROR_CODES as readonly string[]).includes(error.code)) {
    return i18n.t(`errors.${error.code as (typeof PAYMENT_ERROR_CODES)[number]}`, { ns: 'payments' });
  }
  return errorMessage(error);
}
