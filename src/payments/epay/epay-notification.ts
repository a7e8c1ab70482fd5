/**
 * Reading an EPay notification (GET query, or a POSTed form): signature, merchant, status and
 * amount, with no I/O. Amount against the order, and the order's state, are order-service's.
 */
import type { IncomingNotification, VerifyResult } from '../payment-types.js';
import type { EpayConfig } from './epay-config.js';
import { yuanTextToFen } from './epay-money.js';
import { hasValidEpaySignature } from './epay-sign.js';

/** The only status that means "paid"; EPay servers notify nothing else, but others are not trusted as paid. */
const PAID_STATUS = 'TRADE_SUCCESS';

/** The notification's fields: the query when it carries a signature (GET), else the form body (POST). */
export function epayNotificationFields(notification: IncomingNotification): Record<string, string> {
  if (notification.query.sign !== undefined) return notification.query;
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(notification.rawBody.toString('utf8'))) fields[name] = value;
  return fields;
}

export function verifyEpayNotification(config: EpayConfig, notification: IncomingNotification): VerifyResult {
  const fields = epayNotificationFields(notification);
  if (!fields.sign) return { ok: false, reason: 'No signature.' };
  if (!hasValidEpaySignature(fields, config.key)) return { ok: false, reason: 'Bad signature.' };
  if (fields.pid !== config.pid) return { ok: false, reason: `Merchant ${fields.pid ?? '(none)'} is not ours.` };
  const orderId = fields.out_trade_no;
  const tradeNo = fields.trade_no;
  if (!orderId || !tradeNo) return { ok: false, reason: 'Signed, but without out_trade_no or trade_no.' };
  const detail = {
    tradeNo,
    type: fields.type ?? '',
    money: fields.money ?? '',
    tradeStatus: fields.trade_status ?? '',
  };
  if (fields.trade_status !== PAID_STATUS) {
    return {
      ok: true,
      notice: {
        type: 'ignored',
        orderId,
        reason: `Trade status ${fields.trade_status ?? '(none)'} is not a payment.`,
        detail,
      },
    };
  }
  const payAmount = yuanTextToFen(fields.money ?? '');
  if (payAmount === undefined) return { ok: false, reason: `Signed, but the amount ${fields.money} is unreadable.` };
  return {
    ok: true,
    notice: { type: 'paid', eventKey: `trade:${tradeNo}`, orderId, payAmount, currency: 'CNY', detail },
  };
}
