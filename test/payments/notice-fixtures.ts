/**
 * For order-service tests: a provider that opens checkouts without I/O, and the verified notices
 * (paid, reversed) a real provider would hand the order service after checking a signature.
 */
import type { Currency, PaymentMethod, PaymentNotice, PaymentProvider } from '../../src/payments/payment-types.js';

export function fakeProvider(
  options: { method?: PaymentMethod; currency?: Currency; fail?: boolean } = {},
): PaymentProvider {
  return {
    method: options.method ?? 'epay',
    currency: options.currency ?? 'CNY',
    async createCheckout(order) {
      if (options.fail) throw new Error('provider down');
      return { providerRef: `T${order.id}`, url: `https://pay.example/${order.id}` };
    },
    verifyNotification: () => ({ ok: false, reason: 'unused' }),
    reply: () => ({ status: 200, contentType: 'text/plain', body: 'success' }),
    lookup: async () => ({ state: 'unknown', detail: {} }),
  };
}

export function paidNotice(
  orderId: string,
  payAmount: number,
  overrides: Partial<Extract<PaymentNotice, { type: 'paid' }>> = {},
): PaymentNotice {
  return { type: 'paid', eventKey: `evt-${orderId}`, orderId, payAmount, currency: 'CNY', detail: {}, ...overrides };
}

export function refundNotice(orderId: string, reversalId: string, payAmount: number): PaymentNotice {
  return {
    type: 'reversed',
    eventKey: `rf-${reversalId}`,
    orderId,
    reversalId,
    payAmount,
    currency: 'CNY',
    detail: {},
  };
}
