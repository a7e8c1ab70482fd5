/** EPay (易支付, the aggregator protocol of the common open-source EPay servers) as a payment provider. */
import type { PaymentProvider, PaymentProviderDefinition } from '../payment-types.js';
import { epayApiCheckout, epaySubmitUrl } from './epay-checkout.js';
import { type EpayConfig, epayConfigSchema } from './epay-config.js';
import { lookupEpayOrder } from './epay-lookup.js';
import { verifyEpayNotification } from './epay-notification.js';

export const epayDefinition: PaymentProviderDefinition<EpayConfig> = {
  method: 'epay',
  configSchema: epayConfigSchema,
  secretFields: ['key'],
  env: { baseUrl: 'EPAY_BASE_URL', pid: 'EPAY_PID', key: 'EPAY_KEY' },
  create(config, deps): PaymentProvider {
    return {
      method: 'epay',
      currency: 'CNY',
      async createCheckout(order, urls) {
        return config.checkoutMode === 'api'
          ? epayApiCheckout(config, order, urls, deps.fetch)
          : epaySubmitUrl(config, order, urls);
      },
      verifyNotification: (notification) => verifyEpayNotification(config, notification),
      // EPay servers retry until the body is exactly `success`.
      reply: (outcome) => ({ status: 200, contentType: 'text/plain', body: outcome === 'ok' ? 'success' : 'fail' }),
      lookup: (order) => lookupEpayOrder(config, order.id, deps.fetch),
    };
  },
};
