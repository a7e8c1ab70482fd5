import { z } from 'zod';
import { UNITS_PER_USD } from '../billing/money.js';
import type { RequestLog } from './request-log-entry.js';

/**
 * A request's record as OpenRouter's `GET /api/v1/generation?id=` returns one (`{data: {...}}`,
 * snake_case, money in USD, times in milliseconds), built from the request log row, so what it
 * says is what the console shows and the ledger holds. AIHub's own members follow OpenRouter's:
 * the model asked for beside the one that served, cache writes, the HTTP status and error, the
 * subscription plan's share, and each attempt the request went through (as the viewer may see it:
 * no channel names or upstream keys for users, log-routes.ts).
 */
export const generationRecordSchema = z.object({
  data: z.object({
    id: z.string(),
    created_at: z.string().describe('ISO 8601.'),
    model: z.string().describe('The model that served (the one asked for when none did).'),
    model_requested: z.string(),
    api_type: z.string().describe('The inbound API (openai-chat, anthropic-messages, openai-responses, gemini).'),
    endpoint: z.string(),
    provider_name: z.string().nullable().describe('The vendor that served (openai, anthropic, deepseek...).'),
    streamed: z.boolean(),
    cancelled: z.boolean().describe('The client left before the answer ended.'),
    cache_hit: z.boolean().describe('Answered from the response cache.'),
    total_cost: z.number().describe('USD charged to the balance.'),
    usage: z.number().describe('Same as total_cost (OpenRouter names it both ways).'),
    plan_cost: z.number().describe('USD drawn from a subscription plan instead of the balance.'),
    is_byok: z.boolean(),
    latency: z.number().int().describe('Milliseconds from arrival to the end of the answer.'),
    time_to_first_token: z.number().int().nullable(),
    generation_time: z.number().int().nullable().describe('Milliseconds from the first byte to the end.'),
    finish_reason: z.string().nullable(),
    native_finish_reason: z.string().nullable(),
    tokens_prompt: z.number().int(),
    tokens_completion: z.number().int(),
    native_tokens_prompt: z.number().int(),
    native_tokens_completion: z.number().int(),
    native_tokens_reasoning: z.number().int(),
    native_tokens_cached: z.number().int(),
    native_tokens_cache_write: z.number().int(),
    num_search_results: z.number().int(),
    usage_estimated: z.boolean().describe('The vendor reported no usage: AIHub counted the tokens.'),
    status: z.number().int().describe('The HTTP status answered.'),
    error: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
    attempts: z.array(z.record(z.string(), z.unknown())),
  }),
});

export type GenerationRecord = z.infer<typeof generationRecordSchema>;

const CLIENT_LEFT = 'client_closed';

export function generationRecord(log: Omit<RequestLog, 'hedgeOverhead'>): GenerationRecord {
  const ttft = log.ttftMs;
  return {
    data: {
      id: log.id,
      created_at: new Date(log.createdAt).toISOString(),
      model: log.modelServed ?? log.modelRequested,
      model_requested: log.modelRequested,
      api_type: log.surface,
      endpoint: log.endpoint,
      provider_name: log.provider,
      streamed: log.stream,
      cancelled: log.errorCode === CLIENT_LEFT,
      cache_hit: log.cachedResponse === true,
      total_cost: log.cost / UNITS_PER_USD,
      usage: log.cost / UNITS_PER_USD,
      plan_cost: log.planDrawn / UNITS_PER_USD,
      is_byok: false,
      latency: log.latencyMs,
      time_to_first_token: ttft,
      generation_time: ttft === null ? null : Math.max(0, log.latencyMs - ttft),
      finish_reason: log.finishReason,
      native_finish_reason: log.finishReason,
      tokens_prompt: log.promptTokens,
      tokens_completion: log.completionTokens,
      native_tokens_prompt: log.promptTokens,
      native_tokens_completion: log.completionTokens,
      native_tokens_reasoning: log.reasoningTokens,
      native_tokens_cached: log.cachedTokens,
      native_tokens_cache_write: log.cacheWriteTokens,
      num_search_results: log.webSearchCalls,
      usage_estimated: log.usageEstimated,
      status: log.status,
      error: log.errorCode || log.errorMessage ? { code: log.errorCode, message: log.errorMessage } : null,
      attempts: (log.attemptsDetail ?? []).map((attempt) => ({ ...attempt })),
    },
  };
}
