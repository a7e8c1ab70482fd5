/**
 * A user's payment routes: what they may pay with, starting an order (the server prices it), and
 * their order history. `registerPaymentRoutes` also registers the operator's and the providers'
 * routes (payment-admin-routes.ts, payment-notify-routes.ts).
 */
import { methodNotOffered, offeredMethods, planOrder, topUpOrder } from '../../../payments/order-request.js';
import { listOrders } from '../../../payments/payment-queries.js';
import { checkoutUrls } from '../../../payments/payment-urls.js';
import { quoteTopUp } from '../../../payments/topup-quote.js';
import { publicBaseFor } from '../../../platform/public-origin.js';
import type { ApiRegistry } from '../api-route.js';
import { registerPaymentAdminRoutes } from './payment-admin-routes.js';
import { registerPaymentNotifyRoutes } from './payment-notify-routes.js';
import type { PaymentRouteServices } from './payment-route-services.js';
import {
  createOrderBody,
  myOrdersQuery,
  orderIdParams,
  ordersResponse,
  paymentOptionsResponse,
  paymentOrderSchema,
  quoteQuery,
  quoteResponse,
} from './payment-schemas.js';

export type { PaymentRouteServices } from './payment-route-services.js';

const TAGS = ['payments'];

export function registerPaymentRoutes(api: ApiRegistry, services: PaymentRouteServices): void {
  registerUserPaymentRoutes(api, services);
  registerPaymentAdminRoutes(api, services);
  registerPaymentNotifyRoutes(api, services);
}

function registerUserPaymentRoutes(api: ApiRegistry, services: PaymentRouteServices): void {
  const { orders, providers, settings } = services;
  const currencyOf = (method: string) => providers.provider(method)?.currency;

  api.route(
    {
      method: 'GET',
      url: '/api/payments/options',
      summary: 'How you can top up: the payment methods offered, preset amounts, limits, bonus tiers and the CNY rate',
      tags: TAGS,
      access: 'user',
      response: paymentOptionsResponse,
    },
    async () => {
      const rules = settings.value.topUp;
      return {
        methods: offeredMethods(rules, currencyOf),
        presets: rules.presets,
        minAmount: rules.minAmount,
        maxAmount: rules.maxAmount,
        bonusTiers: rules.bonusTiers,
        cnyFenPerUsd: rules.cnyFenPerUsd,
      };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/payments/quote',
      summary:
        'What buying an amount of credit with a method costs, and the bonus it earns (the price an order will have)',
      tags: TAGS,
      access: 'user',
      query: quoteQuery,
      response: quoteResponse,
    },
    async ({ query }) => {
      const rules = settings.value.topUp;
      const offered = offeredMethods(rules, currencyOf).find((choice) => choice.method === query.method);
      if (!offered) throw methodNotOffered(query.method);
      return quoteTopUp(rules, query.amount, offered.currency);
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/payments/orders',
      summary: 'Start a payment: the server prices the credit (or plan) and opens the checkout',
      tags: TAGS,
      access: 'user',
      body: createOrderBody,
      response: paymentOrderSchema,
      status: 201,
    },
    async ({ principal, body, request }) => {
      const rules = settings.value.topUp;
      const wanted =
        body.purpose === 'plan'
          ? { purpose: 'plan' as const, method: body.method, planId: body.planId }
          : { purpose: 'topup' as const, method: body.method, amount: body.amount };
      if (wanted.purpose === 'plan' && !services.planPricing) {
        // Said before anything else: no method makes plans available.
        await planOrder(rules, principal.userId, wanted, 'USD', undefined);
      }
      const offered = offeredMethods(rules, currencyOf).find((choice) => choice.method === body.method);
      const provider = providers.provider(body.method);
      if (!offered || !provider) throw methodNotOffered(body.method);
      const input =
        wanted.purpose === 'plan'
          ? await planOrder(rules, principal.userId, wanted, offered.currency, services.planPricing)
          : topUpOrder(rules, principal.userId, wanted, offered.currency);
      const base = publicBaseFor(settings.value.publicBaseUrl, request);
      return orders.create(input, provider, (orderId) => checkoutUrls(base, body.method, orderId), {
        ip: request.ip,
      });
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/payments/orders',
      summary: 'Your payment orders, newest first',
      tags: TAGS,
      access: 'user',
      query: myOrdersQuery,
      response: ordersResponse,
    },
    async ({ principal, query }) => listOrders(services.store, { ...query, userId: principal.userId }),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/payments/orders/:id',
      summary: 'One of your payment orders (another user’s is not found)',
      tags: TAGS,
      access: 'user',
      params: orderIdParams,
      response: paymentOrderSchema,
    },
    async ({ principal, params }) => orders.getOwned(params.id, principal.userId),
  );
}
