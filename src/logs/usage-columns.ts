import { type AliasedRawBuilder, type RawBuilder, sql } from 'kysely';

/** What every usage aggregate reports over its rows. Money in units (1e-6 USD). */
export interface UsageTotals {
  requests: number;
  /** Requests answered with status 400 or above. */
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  /** The one-hour part of `cacheWriteTokens`. */
  cacheWrite1hTokens: number;
  reasoningTokens: number;
  cost: number;
}

export interface UsageTotalsRow {
  requests: number | string;
  errors: number | string;
  prompt_tokens: number | string;
  completion_tokens: number | string;
  cached_tokens: number | string;
  cache_write_tokens: number | string;
  cache_write_1h_tokens: number | string;
  reasoning_tokens: number | string;
  cost: number | string;
}

/**
 * A portable sum: PostgreSQL's sum(bigint) is numeric (returned as text by pg), so it is cast back
 * to bigint (parsed as a number); coalesce makes an empty set 0.
 */
export function portableSum(expression: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`cast(coalesce(sum(${expression}), 0) as bigint)`;
}

/** The aggregate columns every usage report shares (portable sums). */
export function usageTotalColumns(): AliasedRawBuilder<number, keyof UsageTotalsRow>[] {
  const total = portableSum;
  return [
    sql<number>`count(*)`.as('requests'),
    total(sql`case when request_logs.status >= 400 then 1 else 0 end`).as('errors'),
    total(sql.ref('request_logs.prompt_tokens')).as('prompt_tokens'),
    total(sql.ref('request_logs.completion_tokens')).as('completion_tokens'),
    total(sql.ref('request_logs.cached_tokens')).as('cached_tokens'),
    total(sql.ref('request_logs.cache_write_tokens')).as('cache_write_tokens'),
    total(sql.ref('request_logs.cache_write_1h_tokens')).as('cache_write_1h_tokens'),
    total(sql.ref('request_logs.reasoning_tokens')).as('reasoning_tokens'),
    total(sql.ref('request_logs.cost')).as('cost'),
  ];
}

export function toUsageTotals(row: UsageTotalsRow): UsageTotals {
  return {
    requests: Number(row.requests),
    errors: Number(row.errors),
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    cachedTokens: Number(row.cached_tokens),
    cacheWriteTokens: Number(row.cache_write_tokens),
    cacheWrite1hTokens: Number(row.cache_write_1h_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    cost: Number(row.cost),
  };
}

export const ZERO_USAGE: UsageTotals = Object.freeze({
  requests: 0,
  errors: 0,
  promptTokens: 0,
  completionTokens: 0,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 0,
  cost: 0,
});

/** The field-by-field sum of several usages (a window's totals from its per-model rows). */
export function sumUsage(parts: readonly UsageTotals[]): UsageTotals {
  const sum = { ...ZERO_USAGE };
  for (const part of parts) {
    for (const key of Object.keys(sum) as Array<keyof UsageTotals>) sum[key] += part[key];
  }
  return sum;
}
