import { z } from 'zod';
import { GatewayError } from '../../../ir/index.js';
import { generationRecord, generationRecordSchema } from '../../../logs/generation-record.js';
import {
  listLogsQuerySchema,
  logIdParamsSchema,
  logPageSchema,
  requestLogSchema,
} from '../../../logs/log-api-schemas.js';
import { isAdmin, type LogViewer } from '../../../logs/log-viewer.js';
import type { RequestLog } from '../../../logs/request-log-entry.js';
import type { RequestLogQuery } from '../../../logs/request-log-query.js';
import type { ApiRegistry } from '../api-route.js';
import { registerUsageRoutes, type UsageRouteServices } from './usage-routes.js';

export interface LogRouteServices extends UsageRouteServices {
  logQuery: RequestLogQuery;
}

/**
 * The request log and usage API: GET /api/logs (a user: their own requests; an admin: everyone's,
 * with filters), GET /api/logs/:id (404 for someone else's), and the usage routes of
 * usage-routes.ts. Call this once; it registers both.
 */
export function registerLogRoutes(api: ApiRegistry, services: LogRouteServices): void {
  api.route(
    {
      method: 'GET',
      url: '/api/logs',
      summary: 'Request log, newest first (keyset pages)',
      tags: ['logs'],
      access: 'user',
      query: listLogsQuerySchema,
      response: logPageSchema,
    },
    async ({ principal, query }) => {
      const page = await services.logQuery.list({ ...query, viewer: principal });
      return { data: page.items.map((log) => present(log, principal)), nextCursor: page.nextCursor };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/logs/:id',
      summary: 'One request log row',
      tags: ['logs'],
      access: 'user',
      params: logIdParamsSchema,
      query: logWaitQuery,
      response: requestLogSchema,
    },
    async ({ principal, params, query }) =>
      present(await getWhenWritten(() => services.logQuery.get(params.id, principal), query.waitMs ?? 0), principal),
  );

  // OpenRouter's generation record, at its path under /api (`/api/v1/generation`, where an
  // OpenRouter client's base URL points) and at AIHub's own. A client asks right after its answer,
  // before the log writer's next batch: it waits up to a second by default rather than 404.
  for (const url of ['/api/generation', '/api/v1/generation']) {
    api.route(
      {
        method: 'GET',
        url,
        summary: 'A request’s cost, tokens, latency and attempts (OpenRouter’s generation record)',
        tags: ['logs'],
        access: 'user',
        query: generationQuery,
        response: generationRecordSchema,
      },
      async ({ principal, query }) =>
        generationRecord(
          present(
            await getWhenWritten(() => services.logQuery.get(query.id, principal), query.waitMs ?? GENERATION_WAIT_MS),
            principal,
          ),
        ),
    );
  }

  registerUsageRoutes(api, services);
}

/**
 * `?waitMs=`: a request's row is written a moment after its answer ends (the log writer batches
 * every 250 ms, on whichever replica served it), so the console, asking right after an answer,
 * may wait for it here instead of polling into 404s. Capped at 5 s.
 */
const logWaitQuery = z.object({
  waitMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(5_000)
    .optional()
    .describe('Wait up to this many milliseconds for a row not written yet (default 0: answer 404 at once)'),
});
const LOG_WAIT_STEP_MS = 100;

const GENERATION_WAIT_MS = 1_000;
const generationQuery = logWaitQuery.extend({
  id: z.string().min(1).max(200).describe('The request id: the answer’s `x-request-id` (its `id` carries it too).'),
});

/** The row, asked again every 100 ms while it is not there yet, up to `waitMs`; then the 404. */
async function getWhenWritten(get: () => Promise<RequestLog>, waitMs: number): Promise<RequestLog> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await get();
    } catch (error) {
      const missing = error instanceof GatewayError && error.code === 'log_not_found';
      if (!missing || Date.now() + LOG_WAIT_STEP_MS > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, LOG_WAIT_STEP_MS));
    }
  }
}

/** A row as the API shows it: the operator's costs are null for non-admins. */
type PresentedLog = Omit<RequestLog, 'hedgeOverhead'> & { hedgeOverhead: number | null };

/**
 * Channel names, upstream key hints, the upstream's own error text, the wait for an upstream
 * connection and what the request cost the operator are the operator's business (they name
 * upstream accounts, describe the deployment, or tell the margin): only admins see them, in the
 * row and in each attempt. Users keep what their request went through: how many attempts, each
 * one's model, outcome, status and time.
 */
function present(log: RequestLog, viewer: LogViewer): PresentedLog {
  if (isAdmin(viewer)) return log;
  return {
    ...log,
    channel: null,
    upstreamCost: null,
    hedgeOverhead: null,
    attemptsDetail:
      log.attemptsDetail?.map(
        ({ channel: _channel, key: _key, detail: _detail, connectionWaitMs: _wait, ...attempt }) => attempt,
      ) ?? null,
  };
}
