/**
 * What a playground reply cost. Two sources, in this order of truth:
 *
 * 1. The request log: AIHub logs every `/v1` call with the exact amount it charged (after the
 *    settlement: the vendor's usage, the operator's prices and multipliers, cache-hit pricing,
 *    tokens counted by the gateway when the vendor sent no usage). The row's id is the answer's
 *    `x-request-id` (ResponseInfo.requestId); it is written in batches a fraction of a second
 *    after the answer ends, so `fetchLoggedCost` asks `GET /api/logs/{requestId}` until it is there.
 * 2. An estimate, shown at once when the stream ends: the usage it reported × the caller's sale
 *    price from `GET /api/models` (the `sale` object, already for the caller's group), computed
 *    exactly as the server does (src/billing/cost.ts: integer units of 1e-6 USD, prices per 1M
 *    tokens, one rounding half up, long-context tiers, fallbacks). It differs from the logged cost
 *    only on a response-cache hit (`x-aihub-cache: hit`, charged at the operator's percentage,
 *    default free) or when the vendor reported no usage.
 *
 * Money stays in integer units; format it with lib/money's formatMoney.
 */
// With the `.js` extension: end-to-end tests run this module in Node as well as in the console.
import type { ApiResponse } from '../../api/schema.js';

type CatalogModel = ApiResponse<'/api/models', 'get'>['data'][number];
type RequestLog = ApiResponse<'/api/logs/{id}', 'get'>;

/** Token counts of a reply (chat-stream's ChatUsage has this shape): totals include their parts. */
export interface ReplyUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Cache writes of every lifetime. */
  cacheWriteTokens: number;
  /** The one-hour part of cacheWriteTokens; the rest are five-minute writes. */
  cacheWrite1hTokens: number;
  reasoningTokens: number;
}

/** Per 1M tokens, in units (1e-6 USD): the `sale` (or `official`) object of `/api/models`. */
export type ModelPrice = NonNullable<CatalogModel['official']>;
export type TokenPrices = Pick<
  ModelPrice,
  'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'cacheWrite1h' | 'reasoning'
>;

/** One entry of `GET /api/models` (the fields this module reads). */
export type CatalogModelPrice = Pick<CatalogModel, 'id' | 'provider' | 'pricesKnown'> & { sale: ModelPrice | null };

export interface CostEstimate {
  /** Units (1e-6 USD). */
  units: number;
  /** Per class: tokens × units per 1M, after tiers and fallbacks (`cacheWrite`: five-minute writes). */
  lines: Array<{
    class: 'input' | 'cacheRead' | 'cacheWrite' | 'cacheWrite1h' | 'output' | 'reasoning';
    tokens: number;
    pricePerMillion: number;
  }>;
  perRequestUnits: number;
}

const MILLION = 1_000_000n;

/**
 * The sale price the server bills a model at: the entry for `provider` (ResponseInfo.provider)
 * when given, else the first entry of that id with a known price. Undefined when none is known.
 */
export function findModelPrice(
  models: readonly CatalogModelPrice[],
  model: string,
  provider?: string | null,
): ModelPrice | undefined {
  const known = models.filter((entry) => entry.id === model && entry.pricesKnown && entry.sale);
  const chosen = (provider ? known.find((entry) => entry.provider === provider) : undefined) ?? known[0];
  return chosen?.sale ?? undefined;
}

/**
 * The cost of a reply from its usage, exactly as the server computes it (src/billing/cost.ts):
 * one-hour cache writes at the one-hour price (else the five-minute one), a one-hour count above
 * all writes counted as all of them.
 */
export function estimateReplyCost(usage: ReplyUsage, price: ModelPrice): CostEstimate {
  const cacheRead = count(usage.cachedTokens);
  const cacheWrite1h = count(usage.cacheWrite1hTokens);
  const cacheWrite = Math.max(count(usage.cacheWriteTokens), cacheWrite1h);
  const uncachedInput = Math.max(0, count(usage.promptTokens) - cacheRead - cacheWrite);
  const reasoning = count(usage.reasoningTokens);
  const textOutput = Math.max(0, count(usage.completionTokens) - reasoning);
  const inputTotal = uncachedInput + cacheRead + cacheWrite;

  let tier: TokenPrices | undefined;
  for (const candidate of price.tiers ?? []) if (inputTotal > candidate.aboveInputTokens) tier = candidate;
  const merged: TokenPrices = { ...price };
  for (const field of ['input', 'output', 'cacheRead', 'cacheWrite', 'cacheWrite1h', 'reasoning'] as const) {
    if (tier?.[field] !== undefined) merged[field] = tier[field];
  }
  const input = merged.input ?? 0;
  const output = merged.output ?? 0;
  const cacheWritePrice = merged.cacheWrite ?? input;
  const lines: CostEstimate['lines'] = [
    { class: 'input', tokens: uncachedInput, pricePerMillion: input },
    { class: 'cacheRead', tokens: cacheRead, pricePerMillion: merged.cacheRead ?? input },
    { class: 'cacheWrite', tokens: cacheWrite - cacheWrite1h, pricePerMillion: cacheWritePrice },
    { class: 'cacheWrite1h', tokens: cacheWrite1h, pricePerMillion: merged.cacheWrite1h ?? cacheWritePrice },
    { class: 'output', tokens: textOutput, pricePerMillion: output },
    { class: 'reasoning', tokens: reasoning, pricePerMillion: merged.reasoning ?? output },
  ];
  let numerator = 0n;
  for (const line of lines) numerator += BigInt(line.tokens) * BigInt(Math.round(line.pricePerMillion));
  const tokenUnits = Number((numerator + MILLION / 2n) / MILLION);
  const perRequestUnits = price.perRequest ?? 0;
  return { units: tokenUnits + perRequestUnits, lines: lines.filter((line) => line.tokens > 0), perRequestUnits };
}

/** What the request log says a request cost (a subset of a `GET /api/logs/{id}` row). */
export type LoggedCost = Pick<
  RequestLog,
  | 'cost'
  | 'promptTokens'
  | 'completionTokens'
  | 'cachedTokens'
  | 'reasoningTokens'
  | 'usageEstimated'
  | 'latencyMs'
  | 'ttftMs'
> & { requestId: string; cachedResponse: boolean };

export interface LoggedCostOptions {
  /** Origin of the console API; default the page's (`''`). */
  baseUrl?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Tries before giving up (default 3). */
  attempts?: number;
  /** Wait between tries in ms (default 250). */
  intervalMs?: number;
  /** How long the server waits for the row before answering 404 (default 2,000 ms: `?waitMs=`). */
  serverWaitMs?: number;
}

/**
 * The exact charge of a request, from its request-log row (`requestId` = the answer's
 * `x-request-id`). The row is written a moment after the answer ends, so the server is asked to
 * wait for it (`?waitMs=`) rather than answer 404 at once: no failed requests in the browser for a
 * row on its way. Asked again a few times if it is still not there. Uses the console session
 * (same-origin cookies; a GET needs no CSRF token). Resolves to null when it never appears.
 */
export async function fetchLoggedCost(requestId: string, options: LoggedCostOptions = {}): Promise<LoggedCost | null> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const attempts = options.attempts ?? 3;
  const url = `${options.baseUrl ?? ''}/api/logs/${encodeURIComponent(requestId)}?waitMs=${options.serverWaitMs ?? 2_000}`;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(options.intervalMs ?? 250, options.signal);
    const response = await fetchImpl(url, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      signal: options.signal,
    });
    if (response.status === 404) {
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    const row = (await response.json()) as Record<string, unknown>;
    return {
      requestId,
      cost: number(row.cost),
      promptTokens: number(row.promptTokens),
      completionTokens: number(row.completionTokens),
      cachedTokens: number(row.cachedTokens),
      reasoningTokens: number(row.reasoningTokens),
      usageEstimated: row.usageEstimated === true,
      cachedResponse: row.cachedResponse === true,
      latencyMs: number(row.latencyMs),
      ttftMs: typeof row.ttftMs === 'number' ? row.ttftMs : null,
    };
  }
  return null;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function number(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
