import type { ApiKeyKind, RequestLogsTable } from '../store/schema.js';
import { SURFACE_IDS, type SurfaceId } from '../surfaces/surface.js';

/**
 * Which endpoint of its surface a logged request called: `generate` (a model's answer, the
 * default) or `count_tokens` (Anthropic's count_tokens, Gemini's countTokens: counted, never
 * charged), `embeddings` (`POST /v1/embeddings`, billed per input token), or a media endpoint:
 * `images`, `video` and `midjourney` (jobs: the row is updated as the job progresses), `speech`,
 * `transcription`, `rerank`. Counts are frequent (Claude Code asks before many turns), so
 * operators must be able to tell them from generations at a glance and filter them out.
 */
export const REQUEST_ENDPOINTS = [
  'generate',
  'count_tokens',
  'embeddings',
  'images',
  'video',
  'midjourney',
  'speech',
  'transcription',
  'rerank',
] as const;

export type RequestEndpoint = (typeof REQUEST_ENDPOINTS)[number];

/**
 * One /v1 request as the relay hands it to the request log (camelCase mirror of `request_logs`).
 * Nullable columns may be omitted. Counts and money are integers (money in units of 1e-6 USD);
 * a non-integer or non-finite number is rounded or zeroed rather than failing the batch.
 */
export interface RequestLogEntry {
  /** The request id (`x-request-id`); a second entry with the same id is ignored. */
  id: string;
  /** Epoch milliseconds when the request arrived. */
  createdAt: number;
  userId?: string | null;
  keyId?: string | null;
  /** The kind of key used: `playground` marks the console playground's calls. */
  keyKind?: ApiKeyKind | null;
  /** The key group the request was routed and priced in (the key's, else its owner's group). */
  keyGroup?: string | null;
  modelRequested: string;
  modelServed?: string | null;
  provider?: string | null;
  channel?: string | null;
  /** HTTP status answered to the client. */
  status: number;
  stream: boolean;
  /** Upstream attempts made (0 when the request failed before any). */
  attempts: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** All cache writes; `cacheWrite1hTokens` of them with a one-hour lifetime, the rest five-minute. */
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
  reasoningTokens: number;
  /** Web searches the vendor ran and billed per call (usage.serverToolCalls.webSearch). */
  webSearchCalls?: number;
  /** Counts billed by the unit (usage.units: `{ "image:1024x1024:hd": 2 }`). */
  units?: Record<string, number> | null;
  /** True when the gateway counted the tokens because the vendor reported no usage. */
  usageEstimated: boolean;
  /** Units charged to the balance (1 unit = 1e-6 USD). */
  cost: number;
  /** Units drawn from a subscription plan's windows when a plan covered the request. */
  planDrawn?: number;
  /**
   * What the request cost the operator upstream, in units, at the serving channel's cost
   * (billing/channel-cost.ts); null/absent when not known (no price for the route). Admins only.
   */
  upstreamCost?: number | null;
  /** Hedged attempts that lost their race: their prompts at their channels' cost, units. Admins only. */
  hedgeOverhead?: number;
  latencyMs: number;
  ttftMs?: number | null;
  finishReason?: string | null;
  errorCode?: string | null;
  /** Truncated to {@link MAX_ERROR_MESSAGE_CHARS} characters when stored. */
  errorMessage?: string | null;
  clientIp?: string | null;
  /** Stored only when the operator turned prompt logging on; capped at {@link MAX_LOGGED_TEXT_CHARS}. */
  prompt?: string | null;
  output?: string | null;
  /** One entry per upstream attempt (channel, key hint, outcome, duration), oldest first. */
  attemptsDetail?: AttemptDetail[] | null;
  /** Answered from the response cache. */
  cachedResponse?: boolean | null;
  /** The inbound API the request came in on (default `openai-chat`). */
  surface?: SurfaceId;
  /** Which of the surface's endpoints (default `generate`). */
  endpoint?: RequestEndpoint;
}

export interface AttemptDetail {
  /** The channel's name; left out of what non-admin viewers get from the API. */
  channel?: string;
  /** The upstream key's hint (`sk-…wxyz`), never the key. */
  key?: string;
  model: string;
  /** `ok`, or the error code that ended this attempt. */
  outcome: string;
  status?: number;
  ms: number;
  /**
   * Milliseconds this attempt waited for an upstream connection (queued behind a full pool, or
   * while one was opened); absent when under 1 ms. Long waits mean AIHUB_UPSTREAM_MAX_CONNECTIONS
   * is too small for the traffic.
   */
  connectionWaitMs?: number;
  /** Tried although in cooldown or with its breaker open, because no healthier choice was left. */
  lastResort?: boolean;
  /** The upstream's own error text (first 300 characters); left out of what non-admin viewers get. */
  detail?: string;
}

/** A stored request log row as the API returns it: every field present, null when unknown. */
export type RequestLog = {
  [K in keyof RequestLogEntry]-?: Exclude<RequestLogEntry[K], undefined>;
};

export type RequestLogRow = RequestLogsTable;

export const MAX_ERROR_MESSAGE_CHARS = 500;
/** Prompts and outputs are capped so one huge request (1M-token context) cannot bloat the queue or a batch. */
export const MAX_LOGGED_TEXT_CHARS = 65_536;
/** Group names are at most 64 characters (cleanGroup); the column is varchar(64). */
const MAX_KEY_GROUP_CHARS = 64;
/** Columns per row: batches are sized from it to stay under the databases' bound-parameter limits. */
export const REQUEST_LOG_COLUMNS = 38;

/**
 * The row for an entry. Prompt and output are kept only when `keepText` (prompt logging on);
 * otherwise they are null whatever the entry holds.
 */
export function toRequestLogRow(entry: RequestLogEntry, keepText: boolean): RequestLogRow {
  return {
    id: String(entry.id),
    created_at: int(entry.createdAt),
    user_id: text(entry.userId),
    key_id: text(entry.keyId),
    model_requested: text(entry.modelRequested) ?? '',
    model_served: text(entry.modelServed),
    provider: text(entry.provider),
    channel: text(entry.channel),
    status: int32(entry.status),
    stream: entry.stream ? 1 : 0,
    attempts: int32(entry.attempts),
    prompt_tokens: int(entry.promptTokens),
    completion_tokens: int(entry.completionTokens),
    cached_tokens: int(entry.cachedTokens),
    cache_write_tokens: int(entry.cacheWriteTokens),
    cache_write_1h_tokens: int(entry.cacheWrite1hTokens),
    web_search_calls: int(entry.webSearchCalls ?? 0),
    units: unitsText(entry.units),
    reasoning_tokens: int(entry.reasoningTokens),
    usage_estimated: entry.usageEstimated ? 1 : 0,
    cost: int(entry.cost),
    plan_drawn: int(entry.planDrawn ?? 0),
    latency_ms: int32(entry.latencyMs),
    ttft_ms: entry.ttftMs == null ? null : int32(entry.ttftMs),
    finish_reason: text(entry.finishReason),
    error_code: text(entry.errorCode),
    error_message: text(entry.errorMessage, MAX_ERROR_MESSAGE_CHARS),
    client_ip: text(entry.clientIp),
    prompt: keepText ? text(entry.prompt, MAX_LOGGED_TEXT_CHARS) : null,
    output: keepText ? text(entry.output, MAX_LOGGED_TEXT_CHARS) : null,
    attempts_detail: entry.attemptsDetail?.length ? JSON.stringify(entry.attemptsDetail) : null,
    cached_response: entry.cachedResponse ? 1 : 0,
    key_kind: entry.keyKind === 'playground' || entry.keyKind === 'standard' ? entry.keyKind : null,
    surface: entry.surface && SURFACE_IDS.includes(entry.surface) ? entry.surface : 'openai-chat',
    endpoint: entry.endpoint && REQUEST_ENDPOINTS.includes(entry.endpoint) ? entry.endpoint : 'generate',
    key_group: text(entry.keyGroup, MAX_KEY_GROUP_CHARS),
    upstream_cost: entry.upstreamCost == null ? null : int(entry.upstreamCost),
    hedge_overhead: int(entry.hedgeOverhead ?? 0),
  };
}

/** The API view of a stored row. */
export function fromRequestLogRow(row: RequestLogRow): RequestLog {
  return {
    id: row.id,
    createdAt: Number(row.created_at),
    userId: row.user_id,
    keyId: row.key_id,
    keyKind: row.key_kind,
    keyGroup: row.key_group ?? null,
    modelRequested: row.model_requested,
    modelServed: row.model_served,
    provider: row.provider,
    channel: row.channel,
    status: Number(row.status),
    stream: Number(row.stream) === 1,
    attempts: Number(row.attempts),
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    cachedTokens: Number(row.cached_tokens),
    cacheWriteTokens: Number(row.cache_write_tokens),
    cacheWrite1hTokens: Number(row.cache_write_1h_tokens ?? 0),
    webSearchCalls: Number(row.web_search_calls ?? 0),
    units: parseUnits(row.units),
    reasoningTokens: Number(row.reasoning_tokens),
    usageEstimated: Number(row.usage_estimated) === 1,
    cost: Number(row.cost),
    planDrawn: Number(row.plan_drawn ?? 0),
    upstreamCost: row.upstream_cost == null ? null : Number(row.upstream_cost),
    hedgeOverhead: Number(row.hedge_overhead ?? 0),
    latencyMs: Number(row.latency_ms),
    ttftMs: row.ttft_ms == null ? null : Number(row.ttft_ms),
    finishReason: row.finish_reason,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    clientIp: row.client_ip,
    prompt: row.prompt,
    output: row.output,
    attemptsDetail: parseAttempts(row.attempts_detail),
    cachedResponse: row.cached_response === 1,
    surface: SURFACE_IDS.includes(row.surface as SurfaceId) ? (row.surface as SurfaceId) : 'openai-chat',
    endpoint: REQUEST_ENDPOINTS.includes(row.endpoint as RequestEndpoint)
      ? (row.endpoint as RequestEndpoint)
      : 'generate',
  };
}

/**
 * What a job's row may change as the job progresses (RequestLog.update): its outcome, cost and
 * units. Fields left out keep their value.
 */
export type RequestLogPatch = Partial<
  Pick<
    RequestLogEntry,
    | 'status'
    | 'latencyMs'
    | 'cost'
    | 'units'
    | 'promptTokens'
    | 'completionTokens'
    | 'usageEstimated'
    | 'modelServed'
    | 'finishReason'
    | 'errorCode'
    | 'errorMessage'
  >
>;

/** The columns a patch sets (only those it names). */
export function toRequestLogUpdate(patch: RequestLogPatch): Partial<RequestLogRow> {
  const set: Partial<RequestLogRow> = {};
  if (patch.status !== undefined) set.status = int32(patch.status);
  if (patch.latencyMs !== undefined) set.latency_ms = int32(patch.latencyMs);
  if (patch.cost !== undefined) set.cost = int(patch.cost);
  if (patch.units !== undefined) set.units = unitsText(patch.units);
  if (patch.promptTokens !== undefined) set.prompt_tokens = int(patch.promptTokens);
  if (patch.completionTokens !== undefined) set.completion_tokens = int(patch.completionTokens);
  if (patch.usageEstimated !== undefined) set.usage_estimated = patch.usageEstimated ? 1 : 0;
  if (patch.modelServed !== undefined) set.model_served = text(patch.modelServed);
  if (patch.finishReason !== undefined) set.finish_reason = text(patch.finishReason);
  if (patch.errorCode !== undefined) set.error_code = text(patch.errorCode);
  if (patch.errorMessage !== undefined) set.error_message = text(patch.errorMessage, MAX_ERROR_MESSAGE_CHARS);
  return set;
}

/** Whole positive counts under well-formed keys, as JSON; null when there are none. */
function unitsText(units: Record<string, number> | null | undefined): string | null {
  if (!units) return null;
  const kept = Object.entries(units).filter(([key, count]) => key.length <= 200 && Number.isFinite(count) && count > 0);
  return kept.length > 0
    ? JSON.stringify(Object.fromEntries(kept.map(([key, count]) => [key, Math.ceil(count)])))
    : null;
}

function parseUnits(stored: string | null | undefined): Record<string, number> | null {
  if (!stored) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, number>)
      : null;
  } catch {
    return null;
  }
}

function int(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return 0;
  const rounded = Math.round(n);
  return Math.min(Math.max(rounded, Number.MIN_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
}

const INT32_MAX = 2_147_483_647;

/** For the `integer` (32-bit on PostgreSQL) columns: an absurd value must not fail the batch. */
function int32(value: unknown): number {
  return Math.min(Math.max(int(value), -INT32_MAX), INT32_MAX);
}

function text(value: string | null | undefined, max?: number): string | null {
  if (value == null) return null;
  let out = String(value);
  if (max !== undefined && out.length > max) {
    out = out.slice(0, max);
    // Do not leave half of a surrogate pair at the cut.
    const last = out.charCodeAt(out.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  }
  // PostgreSQL text cannot hold NUL; one such character would fail the whole batch.
  return out.includes('\u0000') ? out.replaceAll('\u0000', '') : out;
}

function parseAttempts(value: string | null): AttemptDetail[] | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as AttemptDetail[]) : null;
  } catch {
    return null; // a hand-edited, unreadable detail is not worth failing the whole row for
  }
}
