/**
 * Turns a refund notification (alipay-notify.ts leaves it `ignored`, because Alipay reports the
 * cumulative refunded total) into the reversal of that one refund: `alipay.trade.fastpay.refund.query`
 * with the trade and the refund request number answers that refund's own `refund_amount`, in a
 * response signed by Alipay (verified before it is read).
 */
import type { PaymentNotice } from '../payment-types.js';
import type { AlipayGateway } from './alipay-api.js';
import { yuanToFen } from './alipay-money.js';

export async function traceAlipayRefund(gateway: AlipayGateway, notice: PaymentNotice): Promise<PaymentNotice> {
  const refundRequest = notice.detail.trace_refund;
  if (notice.type !== 'ignored' || !refundRequest || !notice.orderId) return notice;
  const answer = await gateway.call({
    method: 'alipay.trade.fastpay.refund.query',
    bizContent: { out_trade_no: notice.orderId, out_request_no: refundRequest },
  });
  // Without refund_status, or with another one, Alipay has not (yet) refunded this request.
  if (answer.refund_status !== undefined && answer.refund_status !== 'REFUND_SUCCESS') {
    return {
      ...notice,
      reason: `Refund ${refundRequest} is ${String(answer.refund_status)} at Alipay: nothing reversed yet.`,
    };
  }
  const amount = yuanToFen(typeof answer.refund_amount === 'string' ? answer.refund_amount : undefined);
  if (amount === undefined || answer.out_request_no !== refundRequest) {
    return { ...notice, reason: `Alipay reports no completed refund ${refundRequest}: nothing reversed.` };
  }
  return {
    type: 'reversed',
    eventKey: notice.eventKey ?? `refund:${refundRequest}`,
    orderId: notice.orderId,
    reversalId: refundRequest,
    payAmount: amount,
    currency: 'CNY',
    detail: { ...notice.detail, refund_amount: String(answer.refund_amount) },
  };
}
