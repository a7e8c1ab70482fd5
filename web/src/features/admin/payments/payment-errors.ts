import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import i18n from '../../../lib/i18n';

/** Codes of the payment routes with their own text in payments-admin:errors; the rest go to errorMessage. */
const PAYMENT_ERRORS = [
  'order_not_found',
  'order_not_markable',
  'payment_method_unavailable',
  'payment_method_not_found',
  'payment_provider_error',
  'invalid_field',
  'invalid_value',
] as const;

/** A failed payments-admin call, in the operator's language (a field's name where the server gives one). */
export function paymentErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code && (PAYMENT_ERRORS as readonly string[]).includes(error.code)) {
    return i18n.t(`errors.${error.code}` as 'errors.invalid_field', {
      ns: 'paymentsAdmin',
      field: (error.param ?? '').replace(/^(fields|topUp)\./, ''),
    });
  }
  return errorMessage(error);
}
