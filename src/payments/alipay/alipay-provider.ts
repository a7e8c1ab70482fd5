/**
 * Alipay (open platform, RSA2) as a payment provider: a QR code from `alipay.trade.precreate`
 * or a desktop page-pay URL, confirmed by signed asynchronous notifications, refunds reversed one
 * by one (alipay-refund-trace.ts), `alipay.trade.query` for operators checking a stuck order.
 */
import type { PaymentLookup, PaymentProvider, PaymentProviderDefinition } from '../payment-types.js';
import { createAlipayGateway } from './alipay-api.js';
import { ALIPAY_ENV, ALIPAY_SECRET_FIELDS, type AlipayConfig, alipayConfigSchema } from './alipay-config.js';
import { parseAlipayPrivateKey, parseAlipayPublicKey } from './alipay-keys.js';
import { yuanToFen } from './alipay-money.js';
import { alipayNotificationToNotice, parseAlipayForm } from './alipay-notify.js';
import { traceAlipayRefund } from './alipay-refund-trace.js';
import { checkoutCall, pagePayUrl, signedAlipayParams } from './alipay-request.js';
import { AlipayApiError } from './alipay-response.js';

export const alipayDefinition: PaymentProviderDefinition<AlipayConfig> = {
  method: 'alipay',
  configSchema: alipayConfigSchema as PaymentProviderDefinition<AlipayConfig>['configSchema'],
  secretFields: ALIPAY_SECRET_FIELDS,
  env: ALIPAY_ENV,
  create(config, deps): PaymentProvider {
    const privateKey = parseAlipayPrivateKey(config.privateKey);
    const alipayPublicKey = parseAlipayPublicKey(config.alipayPublicKey);
    const gateway = createAlipayGateway({ ...config, privateKey, alipayPublicKey, now: deps.now, fetch: deps.fetch });
    return {
      method: 'alipay',
      currency: 'CNY',
      async createCheckout(order, urls) {
        const call = checkoutCall(config.appId, order, urls, config.mode, deps.now());
        if (config.mode === 'page') {
          // Page pay is a signed GET the browser makes itself: nothing to ask Alipay first.
          return { providerRef: order.id, url: pagePayUrl(config.gateway, signedAlipayParams(call, privateKey)) };
        }
        const answer = await gateway.call(call);
        if (answer.out_trade_no !== order.id || typeof answer.qr_code !== 'string' || !answer.qr_code) {
          throw new AlipayApiError(`Alipay's precreate answer for ${order.id} carries no QR code for it.`);
        }
        return { providerRef: order.id, qrCode: answer.qr_code };
      },
      verifyNotification(notification) {
        return alipayNotificationToNotice(parseAlipayForm(notification.rawBody), {
          appId: config.appId,
          alipayPublicKey,
          ...(config.sellerId ? { sellerId: config.sellerId } : {}),
        });
      },
      completeNotice: (notice) => traceAlipayRefund(gateway, notice),
      // Alipay stops retrying (over about 25 hours) once the body is exactly `success`.
      reply(outcome) {
        return { status: 200, contentType: 'text/plain; charset=utf-8', body: outcome === 'ok' ? 'success' : 'fail' };
      },
      async lookup(order): Promise<PaymentLookup> {
        try {
          const answer = await gateway.call({ method: 'alipay.trade.query', bizContent: { out_trade_no: order.id } });
          const status = String(answer.trade_status ?? '');
          const detail: Record<string, string> = { trade_status: status, trade_no: String(answer.trade_no ?? '') };
          const state =
            status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED'
              ? 'paid'
              : status === 'TRADE_CLOSED'
                ? 'closed'
                : 'unpaid';
          const payAmount = yuanToFen(typeof answer.total_amount === 'string' ? answer.total_amount : undefined);
          return { state, payAmount, currency: 'CNY', detail };
        } catch (error) {
          // Alipay only knows a precreated or page-paid trade once the buyer scanned or logged in.
          if (error instanceof AlipayApiError && error.subCode === 'ACQ.TRADE_NOT_EXIST') {
            return { state: 'unpaid', detail: { reason: 'Alipay has no trade for this order yet.' } };
          }
          throw error;
        }
      },
    };
  },
};
