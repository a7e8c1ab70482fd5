/** Subscription plans: buying and viewing (users), defining plans and granting (admins). */
import { formatUsd } from '../../../billing/money.js';
import type { PlanService } from '../../../plans/plan-service.js';
import type { Plan } from '../../../plans/plan-types.js';
import type { ApiRegistry } from '../api-route.js';
import {
  adminSubscriptionsQuery,
  createPlanBody,
  grantBody,
  planIdParams,
  planListResponse,
  planSchema,
  purchaseBody,
  subscriptionListResponse,
  subscriptionSchema,
  updatePlanBody,
  updateSubscriptionBody,
} from './plan-schemas.js';

const TAGS = ['plans'];

function planView(plan: Plan) {
  return { ...plan, priceUsd: formatUsd(plan.price) };
}

export function registerPlanRoutes(api: ApiRegistry, services: { plans: PlanService }): void {
  const { plans } = services;

  api.route(
    {
      method: 'GET',
      url: '/api/plans',
      summary: 'Plans for sale',
      tags: TAGS,
      access: 'user',
      response: planListResponse,
    },
    async () => ({ plans: (await plans.catalog.list({ includeArchived: false })).map(planView) }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/plans/:id/purchase',
      summary: 'Buy a plan with your balance (402 when the balance does not cover its price)',
      tags: TAGS,
      access: 'user',
      params: planIdParams,
      body: purchaseBody,
      response: subscriptionSchema,
      status: 201,
    },
    async ({ principal, params, body }) => plans.purchase(principal.userId, params.id, body.autoRenew ?? false),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/subscriptions',
      summary: 'Your subscriptions, newest first, each with its windows and history',
      tags: TAGS,
      access: 'user',
      response: subscriptionListResponse,
    },
    async ({ principal }) => ({ subscriptions: await plans.list({ userId: principal.userId }) }),
  );

  api.route(
    {
      method: 'PATCH',
      url: '/api/subscriptions/:id',
      summary: 'Turn auto-renew on or off, or cancel one of your subscriptions',
      tags: TAGS,
      access: 'user',
      params: planIdParams,
      body: updateSubscriptionBody,
      response: subscriptionSchema,
    },
    async ({ principal, params, body }) => plans.update(params.id, body, { userId: principal.userId, ownerOnly: true }),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/plans',
      summary: 'Every plan, archived ones included',
      tags: TAGS,
      access: 'admin',
      response: planListResponse,
    },
    async () => ({ plans: (await plans.catalog.list({ includeArchived: true })).map(planView) }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/plans',
      summary: 'Define a plan',
      tags: TAGS,
      access: 'admin',
      body: createPlanBody,
      response: planSchema,
      status: 201,
    },
    async ({ body }) =>
      planView(
        await plans.catalog.create({
          ...body,
          requestsPerMinute: body.requestsPerMinute ?? null,
          overflowToBalance: body.overflowToBalance ?? false,
        }),
      ),
  );

  api.route(
    {
      method: 'PATCH',
      url: '/api/admin/plans/:id',
      summary: 'Edit or archive a plan (new purchases and renewals take the change; running periods keep their terms)',
      tags: TAGS,
      access: 'admin',
      params: planIdParams,
      body: updatePlanBody,
      response: planSchema,
    },
    async ({ params, body }) => planView(await plans.catalog.update(params.id, body)),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/subscriptions',
      summary: 'Subscriptions of one user (?userId=) or the latest 500 of everyone',
      tags: TAGS,
      access: 'admin',
      query: adminSubscriptionsQuery,
      response: subscriptionListResponse,
    },
    async ({ query }) => ({
      subscriptions: await plans.list(query.userId !== undefined ? { userId: query.userId } : {}),
    }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/admin/subscriptions',
      summary: 'Grant a plan to a user (free, one period)',
      tags: TAGS,
      access: 'admin',
      body: grantBody,
      response: subscriptionSchema,
      status: 201,
    },
    async ({ principal, body }) => plans.grant(principal.userId, body),
  );

  api.route(
    {
      method: 'PATCH',
      url: '/api/admin/subscriptions/:id',
      summary: 'Cancel a subscription (coverage stops at once) or change its auto-renew',
      tags: TAGS,
      access: 'admin',
      params: planIdParams,
      body: updateSubscriptionBody,
      response: subscriptionSchema,
    },
    async ({ principal, params, body }) =>
      plans.update(params.id, body, { userId: principal.userId, ownerOnly: false }),
  );
}
