/**
 * GET /api/admin/billing/overruns: the operators' alert list of settlements whose cost exceeded
 * the hold (a vendor billed beyond the bound), newest first, with what was not collected. Each one
 * was also logged as a warning when it happened (billing/relay-billing.ts).
 */
import { z } from 'zod';
import { formatUsd } from '../../../billing/money.js';
import { listOverruns, MAX_OVERRUN_PAGE } from '../../../billing/overrun-query.js';
import type { Store } from '../../../store/database.js';
import type { ApiRegistry } from '../api-route.js';

const units = z.int().describe('Units of 1e-6 USD');

export const overrunQuery = z.strictObject({
  userId: z.string().min(1).max(200).optional().describe('Only this user’s overruns'),
  since: z.coerce.number().int().nonnegative().optional().describe('Only overruns at or after this time (Unix ms)'),
  limit: z.coerce.number().int().min(1).max(MAX_OVERRUN_PAGE).optional().describe('At most this many (default 50)'),
});

export const overrunListResponse = z.object({
  data: z.array(
    z.object({
      requestId: z.string().describe('The request (x-request-id) whose vendor usage exceeded its hold'),
      userId: z.string(),
      keyId: z.string().nullable(),
      held: units.describe('What the request held'),
      cost: units.describe('What the vendor’s usage cost at the sale price'),
      charged: units.describe('What was charged: the excess only as far as the free balance and key quota allowed'),
      uncollected: units.describe('cost − charged'),
      uncollectedUsd: z.string(),
      createdAt: z.int(),
    }),
  ),
});

export function registerOverrunRoutes(api: ApiRegistry, services: { store: Store }): void {
  api.route(
    {
      method: 'GET',
      url: '/api/admin/billing/overruns',
      summary: 'Requests a vendor billed beyond their hold (overruns), newest first, with what was not collected',
      tags: ['billing'],
      access: 'admin',
      query: overrunQuery,
      response: overrunListResponse,
    },
    async ({ query }) => {
      const rows = await listOverruns(services.store, {
        limit: query.limit ?? 50,
        ...(query.userId !== undefined ? { userId: query.userId } : {}),
        ...(query.since !== undefined ? { since: query.since } : {}),
      });
      return { data: rows.map((row) => ({ ...row, uncollectedUsd: formatUsd(row.uncollected) })) };
    },
  );
}
