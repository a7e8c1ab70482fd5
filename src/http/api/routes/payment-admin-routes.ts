/** The operator's payment routes: orders and their events, marking a stuck order, asking the provider, provider settings. */
import { GatewayError } from '../../../ir/index.js';
import { listEvents, listOrders } from '../../../payments/payment-queries.js';
import type { ApiRegistry } from '../api-route.js';
import type { PaymentRouteServices } from './payment-route-services.js';
import {
  adminEventsQuery,
  adminOrderResponse,
  adminOrdersQuery,
  eventsResponse,
  lookupResponse,
  markOrderBody,
  methodParams,
  orderIdParams,
  ordersResponse,
  paymentOrderSchema,
  providerConfigSchema,
  providersResponse,
  updateProviderBody,
} from './payment-schemas.js';

const TAGS = ['payments-admin'];

export function registerPaymentAdminRoutes(api: ApiRegistry, services: PaymentRouteServices): void {
  const { store, orders, providers } = services;

  api.route(
    {
      method: 'GET',
      url: '/api/admin/payments/orders',
      summary: 'Payment orders of every user, newest first, filtered by status, method, user and time',
      tags: TAGS,
      access: 'admin',
      query: adminOrdersQuery,
      response: ordersResponse,
    },
    async ({ query }) => listOrders(store, query),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/payments/orders/:id',
      summary: 'One order with every notification, return visit and operator action that touched it',
      tags: TAGS,
      access: 'admin',
      params: orderIdParams,
      response: adminOrderResponse,
    },
    async ({ params }) => {
      const order = await orders.get(params.id);
      if (!order) throw orderNotFound(params.id);
      const events = await listEvents(store, { orderId: order.id, limit: 200 });
      return { order, events: events.data };
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/payments/orders/:id/mark',
      summary:
        'Mark a stuck order credited, failed or expired after checking it with the provider (logged with who did it)',
      tags: TAGS,
      access: 'admin',
      params: orderIdParams,
      body: markOrderBody,
      response: paymentOrderSchema,
    },
    async ({ principal, params, body }) => orders.mark(params.id, body.status, principal.userId, body.note),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/payments/orders/:id/lookup',
      summary: 'Ask the payment provider what it knows of an order',
      tags: TAGS,
      access: 'admin',
      params: orderIdParams,
      response: lookupResponse,
    },
    async ({ params, request }) => {
      const order = await orders.get(params.id);
      if (!order) throw orderNotFound(params.id);
      const provider = providers.provider(order.method);
      if (!provider) {
        throw new GatewayError({
          kind: 'invalid_request',
          code: 'payment_method_unavailable',
          status: 409,
          message: `The ${order.method} provider is not configured.`,
        });
      }
      try {
        return await provider.lookup({ id: order.id, providerRef: order.providerRef });
      } catch (error) {
        services.logger.warn(
          { requestId: request.id, err: error, orderId: order.id, method: order.method },
          'payment lookup failed',
        );
        throw new GatewayError({
          kind: 'upstream_error',
          code: 'payment_provider_error',
          message: `The ${order.method} provider did not answer the lookup.`,
          cause: error,
        });
      }
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/payments/events',
      summary: 'Payment events (notifications, returns, operator actions), newest first; e.g. outcome=refused',
      tags: TAGS,
      access: 'admin',
      query: adminEventsQuery,
      response: eventsResponse,
    },
    async ({ query }) => listEvents(store, query),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/payments/providers',
      summary: 'Each payment provider’s configuration (secrets only as set or not, and where from)',
      tags: TAGS,
      access: 'admin',
      response: providersResponse,
    },
    async () => ({ data: providers.views() }),
  );

  api.route(
    {
      method: 'PUT',
      url: '/api/admin/payments/providers/:method',
      summary: 'Set or clear console values of a provider’s fields (they win over the environment); applies at once',
      tags: TAGS,
      access: 'admin',
      params: methodParams,
      body: updateProviderBody,
      response: providerConfigSchema,
    },
    async ({ params, body }) => providers.update(params.method, body.fields),
  );
}

function orderNotFound(id: string): GatewayError {
  return new GatewayError({ kind: 'not_found', code: 'order_not_found', message: `No order ${id}.` });
}
