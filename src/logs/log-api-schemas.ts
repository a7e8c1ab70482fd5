import { z } from 'zod';
import { SURFACE_IDS, type SurfaceId } from '../surfaces/surface.js';
import { MAX_TZ_OFFSET_MINUTES, MIN_TZ_OFFSET_MINUTES } from './day-bucket.js';
import { REQUEST_ENDPOINTS, type RequestEndpoint } from './request-log-entry.js';
import { MAX_LOG_PAGE } from './request-log-query.js';

/** Query-string schemas (times are epoch milliseconds) and response schemas of the log and usage API. */

const epochMs = z.coerce.number().int().nonnegative();
const id = z.string().min(1).max(200);

export const listLogsQuerySchema = z.object({
  userId: id.optional().describe('Admins: that user; others: only their own id returns rows.'),
  keyId: id.optional(),
  keyKind: z
    .enum(['standard', 'playground'])
    .optional()
    .describe('playground: the console playground’s calls; standard: calls with the API keys you manage.'),
  model: z.string().min(1).max(300).optional().describe('The model requested, exactly.'),
  keyGroup: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('The key group the request was routed and priced in, exactly.'),
  api: z
    .enum(SURFACE_IDS as [SurfaceId, ...SurfaceId[]])
    .optional()
    .describe('The inbound API: openai-chat, anthropic-messages, openai-responses or gemini.'),
  endpoint: z
    .enum(REQUEST_ENDPOINTS)
    .optional()
    .describe(
      'generate: model answers; count_tokens: token counts (count_tokens, countTokens); embeddings: /v1/embeddings; images, video, midjourney, speech, transcription, rerank: the media endpoints.',
    ),
  status: z
    .union([z.enum(['success', 'error']), z.coerce.number().int().min(100).max(599)])
    .optional()
    .describe('An HTTP status, or success (< 400) / error (>= 400).'),
  from: epochMs.optional().describe('Epoch ms, inclusive.'),
  to: epochMs.optional().describe('Epoch ms, exclusive.'),
  cursor: z.string().min(1).max(500).optional().describe('nextCursor of the previous page.'),
  limit: z.coerce.number().int().min(1).max(MAX_LOG_PAGE).optional(),
});

export const logIdParamsSchema = z.object({ id });

export const requestLogSchema = z.object({
  id: z.string(),
  createdAt: z.number().int(),
  userId: z.string().nullable(),
  keyId: z.string().nullable(),
  keyKind: z.enum(['standard', 'playground']).nullable().describe('playground: a console playground call.'),
  keyGroup: z
    .string()
    .nullable()
    .describe(
      'The key group the request was routed and priced in: its key’s group, else its owner’s. Null when unauthenticated, or logged before groups were recorded.',
    ),
  surface: z.enum(SURFACE_IDS as [SurfaceId, ...SurfaceId[]]).describe('The inbound API the request came in on.'),
  endpoint: z
    .enum(REQUEST_ENDPOINTS)
    .describe(
      'generate: a model’s answer; count_tokens: a token count (never charged); embeddings: a /v1/embeddings call; images, video, midjourney, speech, transcription, rerank: a media call (a job’s row is updated as it progresses).',
    ),
  modelRequested: z.string(),
  modelServed: z.string().nullable(),
  provider: z.string().nullable(),
  channel: z.string().nullable().describe('Null for non-admins.'),
  status: z.number().int(),
  stream: z.boolean(),
  attempts: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  cachedTokens: z.number().int(),
  cacheWriteTokens: z.number().int().describe('Input tokens written to the prompt cache (all lifetimes).'),
  cacheWrite1hTokens: z
    .number()
    .int()
    .describe('The part of cacheWriteTokens written with a one-hour lifetime; the rest are five-minute writes.'),
  reasoningTokens: z.number().int(),
  webSearchCalls: z
    .number()
    .int()
    .describe('Web searches the vendor ran for the request, billed per call on top of tokens (perWebSearch).'),
  units: z
    .record(z.string(), z.number().int())
    .nullable()
    .describe('Counts billed by the unit, by unit key (image:1024x1024:hd, video_second:1280x720, character...).'),
  usageEstimated: z.boolean(),
  cost: z.number().int().describe('Charged to the balance, units of 1e-6 USD.'),
  planDrawn: z
    .number()
    .int()
    .describe(
      "Drawn from a subscription plan's windows instead of the balance (units of 1e-6 USD); 0 when no plan covered it.",
    ),
  upstreamCost: z
    .number()
    .int()
    .nullable()
    .describe(
      "What the request cost the operator upstream at the serving channel's cost (units of 1e-6 USD); null when not known (no price for the route, a media job, rows logged before), and for non-admins.",
    ),
  hedgeOverhead: z
    .number()
    .int()
    .nullable()
    .describe(
      'Hedged attempts that lost their race: the prompts they were sent, at their channels’ cost (units of 1e-6 USD); 0 without hedging; null for non-admins.',
    ),
  latencyMs: z.number().int(),
  ttftMs: z.number().int().nullable(),
  finishReason: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  clientIp: z.string().nullable(),
  prompt: z.string().nullable().describe('Only with prompt logging on.'),
  output: z.string().nullable().describe('Only with prompt logging on.'),
  attemptsDetail: z
    .array(
      z.object({
        channel: z.string().optional().describe('The channel’s name; admins only.'),
        key: z.string().optional().describe('The upstream key’s hint (sk-…wxyz); admins only.'),
        model: z.string(),
        outcome: z.string().describe('ok, or the error code that ended this attempt.'),
        status: z.number().int().optional(),
        ms: z.number().int(),
        connectionWaitMs: z
          .number()
          .int()
          .optional()
          .describe('Waited this long for an upstream connection (absent under 1 ms); admins only.'),
        lastResort: z.boolean().optional().describe('Tried although unhealthy: nothing healthier was left.'),
        detail: z.string().optional().describe('The upstream’s own error text (first 300 characters); admins only.'),
      }),
    )
    .nullable()
    .describe('One entry per upstream attempt, oldest first.'),
  cachedResponse: z.boolean().nullable().describe('Answered from the response cache.'),
});

export const logPageSchema = z.object({
  data: z.array(requestLogSchema),
  nextCursor: z.string().nullable(),
});

const usageWindowQuery = {
  from: epochMs.optional().describe('Epoch ms, inclusive (default: `to` minus the default window).'),
  to: epochMs.optional().describe('Epoch ms, exclusive (default: now).'),
  model: z.string().min(1).max(300).optional(),
  userId: id.optional().describe('Admins: that user (default everyone); others: only their own id returns rows.'),
};

export const dailyUsageQuerySchema = z.object({
  ...usageWindowQuery,
  tzOffsetMinutes: z.coerce
    .number()
    .int()
    .min(MIN_TZ_OFFSET_MINUTES)
    .max(MAX_TZ_OFFSET_MINUTES)
    .optional()
    .describe('Minutes east of UTC for day boundaries (UTC+8: 480; UTC-5: -300). Default 0.'),
});

export const usageSummaryQuerySchema = z.object(usageWindowQuery);

export const dashboardQuerySchema = z.object({
  from: usageWindowQuery.from,
  to: usageWindowQuery.to,
  top: z.coerce.number().int().min(1).max(100).optional(),
});

const usageTotalsShape = {
  requests: z.number().int(),
  errors: z.number().int(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  cachedTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  cacheWrite1hTokens: z.number().int().describe('The one-hour part of cacheWriteTokens.'),
  reasoningTokens: z.number().int(),
  cost: z.number().int().describe('Units of 1e-6 USD.'),
};
const usageTotalsSchema = z.object(usageTotalsShape);
const modelUsageSchema = z.object({ model: z.string(), ...usageTotalsShape });

export const dailyUsageResponseSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  tzOffsetMinutes: z.number().int(),
  data: z.array(
    z.object({ day: z.string().describe('YYYY-MM-DD, local to tzOffsetMinutes'), ...modelUsageSchema.shape }),
  ),
});

export const usageSummaryResponseSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  totals: usageTotalsSchema,
  models: z.array(modelUsageSchema),
});

export const dashboardResponseSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  totals: usageTotalsSchema,
  errorRate: z.number(),
  latency: z.object({ p50: z.number().int().nullable(), p95: z.number().int().nullable() }),
  topModels: z.array(modelUsageSchema),
  topUsers: z.array(z.object({ userId: z.string(), ...usageTotalsShape })),
});

export const cacheHitQuerySchema = z.object({
  from: usageWindowQuery.from,
  to: usageWindowQuery.to,
  top: z.coerce.number().int().min(1).max(500).optional().describe('Most rows per list (default 50).'),
});

const cacheHitShape = {
  requests: z.number().int().describe('Upstream answers that reported input tokens.'),
  cacheReadRequests: z.number().int().describe('Of those, the ones with any cache-read input tokens.'),
  promptTokens: z.number().int().describe('All input tokens, cache reads included.'),
  cachedTokens: z.number().int().describe('Input tokens read from the upstream’s prompt cache.'),
  tokenHitRate: z.number().describe('cachedTokens ÷ promptTokens, 0 without input.'),
  requestHitRate: z.number().describe('cacheReadRequests ÷ requests, 0 without requests.'),
};

export const cacheHitResponseSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  totals: z.object(cacheHitShape),
  channels: z.array(z.object({ channel: z.string(), ...cacheHitShape })).describe('Most input tokens first.'),
  models: z.array(z.object({ model: z.string(), ...cacheHitShape })).describe('Most input tokens first.'),
});
