import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api';
import { paymentErrorMessage } from './payment-errors';

describe('paymentErrorMessage', () => {
  it('translates the payment codes', () => {
    const error = new ApiError(400, 'payment_method_unavailable', 'Payment by epay is not available here.');
    expect(paymentErrorMessage(error)).toBe('This payment method is not available. Choose another one.');
    expect(paymentErrorMessage(new ApiError(402, 'insufficient_balance', 'raw'))).toMatch(
      /^Your balance does not cover/,
    );
  });

  it('falls back to the common errors, then the server message', () => {
    expect(paymentErrorMessage(new ApiError(0, 'network_error', 'fetch failed'))).not.toBe('fetch failed');
    expect(paymentErrorMessage(new ApiError(400, 'something_else', 'The server says why.'))).toBe(
      'The server says why.',
    );
  });
});
