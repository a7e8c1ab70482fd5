import { describe, expect, it } from 'vitest';
import { formatPayAmount, isAwaitingPayment, netCredit, ORDER_STATUS_BADGE, orderPollInterval } from './order-status';

describe('order status', () => {
  it('maps every status to a badge', () => {
    expect(ORDER_STATUS_BADGE).toEqual({
      created: 'info',
      credited: 'success',
      expired: 'neutral',
      failed: 'danger',
      refunded: 'warning',
    });
  });

  it('polls only while the order awaits payment', () => {
    expect(isAwaitingPayment('created')).toBe(true);
    expect(orderPollInterval('created')).toBe(2_000);
    for (const status of ['credited', 'expired', 'failed', 'refunded'] as const) {
      expect(isAwaitingPayment(status)).toBe(false);
      expect(orderPollInterval(status)).toBe(false);
    }
    expect(orderPollInterval(undefined)).toBe(false);
  });

  it('formats provider amounts from minor units', () => {
    expect(formatPayAmount(1200, 'USD')).toBe('$12.00');
    expect(formatPayAmount(72_000, 'CNY')).toBe('¥720.00');
    expect(formatPayAmount(8640, 'CNY', 'zh-CN')).toBe('¥86.40');
  });

  it('takes refunds off the credit', () => {
    expect(netCredit({ creditAmount: 110, reversedAmount: 0 })).toBe(110);
    expect(netCredit({ creditAmount: 110, reversedAmount: 110 })).toBe(0);
  });
});
