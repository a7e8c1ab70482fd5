import { z } from 'zod';
import { MARGIN_GROUPINGS, MarginReports } from '../../../logs/margin-report.js';
import type { Store } from '../../../store/database.js';
import type { ApiRegistry } from '../api-route.js';
import { resolveWindow } from './usage-routes.js';

const epochMs = z.coerce.number().int().nonnegative();
const units = z.number().int();

const marginQuery = z.object({
  from: epochMs.optional().describe('Epoch ms, inclusive (default: `to` minus 30 days)'),
  to: epochMs.optional().describe('Epoch ms, exclusive (default: now)'),
  by: z.enum(MARGIN_GROUPINGS).default('model').describe('model: the model requested; channel: the serving channel'),
  model: z.string().min(1).max(300).optional().describe('Only requests for this model (exact, as requested)'),
  top: z.coerce.number().int().min(1).max(500).optional().describe('Most rows, highest revenue first (default 100)'),
});

const figures = {
  requests: z.number().int(),
  revenue: units.describe('What users paid: charged + planDrawn (units of 1e-6 USD)'),
  charged: units.describe('Charged to balances'),
  planDrawn: units.describe("Drawn from subscription plans' windows"),
  upstreamCost: units.describe("What the requests cost upstream at their channels' cost, where known"),
  hedgeOverhead: units.describe('Prompts sent to hedged attempts that lost their race, at their channels’ cost'),
  margin: units.describe('revenue − upstreamCost − hedgeOverhead'),
  marginPercent: z.number().nullable().describe('margin ÷ revenue × 100 (two decimals); null without revenue'),
  unknownCostRequests: z
    .number()
    .int()
    .describe(
      'Requests whose upstream cost is not known (no price for the route, media jobs, older rows): their revenue counts and their cost does not, so a non-zero count means the margin is overstated',
    ),
  unknownCostRevenue: units.describe('The revenue of those requests'),
};

const marginResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  by: z.enum(MARGIN_GROUPINGS),
  totals: z.object(figures),
  data: z.array(
    z.object({
      key: z
        .string()
        .nullable()
        .describe(
          "The model requested, or the channel's name; null (by channel): no channel served (cache hits, refusals)",
        ),
      ...figures,
    }),
  ),
});

/** Margins per model or per channel (admins only): revenue against the operator's upstream cost. */
export function registerMarginRoutes(api: ApiRegistry, services: { store: Store; now: () => number }): void {
  const reports = new MarginReports(services.store);
  api.route(
    {
      method: 'GET',
      url: '/api/admin/margins',
      summary: 'Revenue, upstream cost, hedging overhead and margin per model or channel (default: the last 30 days)',
      tags: ['admin', 'usage'],
      access: 'admin',
      query: marginQuery,
      response: marginResponse,
    },
    async ({ principal, query }) =>
      reports.report({
        viewer: principal,
        ...resolveWindow(query, services.now(), 30),
        by: query.by,
        ...(query.model ? { model: query.model } : {}),
        ...(query.top ? { top: query.top } : {}),
      }),
  );
}
