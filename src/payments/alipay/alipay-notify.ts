/**
 * What a verified Alipay asynchronous notification means (pure). The notification is a form POST
 * (`application/x-www-form-urlencoded; charset=utf-8`, since we ask for utf-8); its values are
 * URL-decoded, then verified over the sorted parameters without `sign` and `sign_type`.
 *
 * - `trade_status` TRADE_SUCCESS or TRADE_FINISHED: paid. `total_amount` (yuan) is read in exact
 *   fen; the event key is the trade number and status, the same for every retry of it.
 * - A refund notification (`out_biz_no` with `refund_fee` / `gmt_refund`) says which refund
 *   request (`out_biz_no`, unique per refund) happened, but `refund_fee` is the trade's
 *   cumulative refunded total, not this refund's amount. It comes out `ignored` with the refund
 *   to look up; completeNotice (alipay-refund-trace.ts) asks `alipay.trade.fastpay.refund.query`
 *   for that refund's own `refund_amount` and turns it into a reversal keyed by `out_biz_no`.
 * - TRADE_CLOSED without a refund (never paid and timed out), WAIT_BUYER_PAY: ignored.
 *
 * Checked here as Alipay's integration guide asks: the signature, `app_id` is ours, and (when the
 * operator gave the account's PID) `seller_id` is ours. `out_trade_no` and `total_amount` against
 * the order are order-service's.
 */
import type { KeyObject } from 'node:crypto';
import type { PaymentNotice, VerifyResult } from '../payment-types.js';
import { yuanToFen } from './alipay-money.js';
import { verifyAlipayNotificationSign } from './alipay-sign.js';

const DETAIL_FIELDS = ['trade_no', 'notify_id', 'buyer_id', 'buyer_logon_id', 'gmt_payment', 'trade_status'] as const;

export function parseAlipayForm(rawBody: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawBody.toString('utf8'))) params[key] = value;
  return params;
}

export function alipayNotificationToNotice(
  params: Record<string, string>,
  expected: { appId: string; alipayPublicKey: KeyObject; sellerId?: string },
): VerifyResult {
  if (!verifyAlipayNotificationSign(params, expected.alipayPublicKey)) {
    return { ok: false, reason: 'The notification’s RSA2 signature does not verify with the Alipay public key.' };
  }
  if (params.app_id !== expected.appId) {
    return { ok: false, reason: `The notification is for app ${params.app_id ?? '(none)'}, not ours.` };
  }
  if (expected.sellerId && params.seller_id !== expected.sellerId) {
    return {
      ok: false,
      reason: `The notification is for seller ${params.seller_id ?? '(none)'}, not our account ${expected.sellerId}.`,
    };
  }
  const orderId = params.out_trade_no;
  const tradeNo = params.trade_no;
  const status = params.trade_status ?? '';
  if (!orderId || !tradeNo) return { ok: false, reason: 'The notification names no out_trade_no or trade_no.' };
  const detail: Record<string, string> = {};
  for (const field of DETAIL_FIELDS) if (params[field]) detail[field] = params[field];

  if (params.out_biz_no && (params.refund_fee || params.gmt_refund)) {
    const notice: PaymentNotice = {
      type: 'ignored',
      eventKey: `refund:${tradeNo}:${params.out_biz_no}`,
      orderId,
      reason: `Refund ${params.out_biz_no} (the trade's refunds now total ${params.refund_fee ?? '?'} yuan); its own amount is looked up at Alipay.`,
      detail: {
        ...detail,
        trace_refund: params.out_biz_no,
        refund_fee_total: params.refund_fee ?? '',
        gmt_refund: params.gmt_refund ?? '',
      },
    };
    return { ok: true, notice };
  }
  if (status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED') {
    const payAmount = yuanToFen(params.total_amount);
    if (payAmount === undefined) return { ok: false, reason: `total_amount ${params.total_amount} is not an amount.` };
    return {
      ok: true,
      notice: { type: 'paid', eventKey: `${tradeNo}:${status}`, orderId, payAmount, currency: 'CNY', detail },
    };
  }
  return {
    ok: true,
    notice: {
      type: 'ignored',
      eventKey: `${tradeNo}:${status}`,
      orderId,
      reason: `Trade ${tradeNo} is ${status || 'of no status'}: nothing to credit.`,
      detail,
    },
  };
}
