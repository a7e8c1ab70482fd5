/**
 * A signed call to Alipay's gateway: the common parameters (app_id, method, format, charset,
 * sign_type, timestamp in Beijing time, version), the API's own fields as `biz_content` JSON, and
 * `sign` over all of them (alipay-sign.ts). Pure: the clock and the key come in.
 */
import type { KeyObject } from 'node:crypto';
import type { CheckoutOrder, CheckoutUrls } from '../payment-types.js';
import { fenToYuan, formatShanghaiTime } from './alipay-money.js';
import { signAlipayRequest } from './alipay-sign.js';

export interface AlipayCall {
  appId: string;
  method: string;
  bizContent: Record<string, string>;
  nowMs: number;
  notifyUrl?: string;
  returnUrl?: string;
}

export function signedAlipayParams(call: AlipayCall, privateKey: KeyObject): Record<string, string> {
  const params: Record<string, string> = {
    app_id: call.appId,
    method: call.method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: formatShanghaiTime(call.nowMs),
    version: '1.0',
    biz_content: JSON.stringify(call.bizContent),
  };
  if (call.notifyUrl) params.notify_url = call.notifyUrl;
  if (call.returnUrl) params.return_url = call.returnUrl;
  return signAlipayRequest(params, privateKey);
}

/** The trade fields both checkout products take: our order id, the amount in yuan, the deadline. */
export function tradeBizContent(order: CheckoutOrder): Record<string, string> {
  if (order.currency !== 'CNY') throw new Error(`Alipay charges in CNY; order ${order.id} is in ${order.currency}.`);
  return {
    out_trade_no: order.id,
    total_amount: fenToYuan(order.payAmount),
    subject: order.subject.slice(0, 256),
    time_expire: formatShanghaiTime(order.expiresAt),
  };
}

export function pagePayUrl(gateway: string, params: Record<string, string>): string {
  const url = new URL(gateway);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

export function checkoutCall(
  appId: string,
  order: CheckoutOrder,
  urls: CheckoutUrls,
  mode: 'qr' | 'page',
  nowMs: number,
): AlipayCall {
  const bizContent = tradeBizContent(order);
  if (mode === 'page') {
    return {
      appId,
      method: 'alipay.trade.page.pay',
      bizContent: { ...bizContent, product_code: 'FAST_INSTANT_TRADE_PAY' },
      nowMs,
      notifyUrl: urls.notifyUrl,
      returnUrl: urls.returnUrl,
    };
  }
  return { appId, method: 'alipay.trade.precreate', bizContent, nowMs, notifyUrl: urls.notifyUrl };
}
