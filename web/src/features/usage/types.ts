/**
 * Shapes of the log and usage API (src/logs/log-api-schemas.ts). Money is integer units of
 * 1e-6 USD; times are epoch milliseconds.
 */

export interface UsageTotals {
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  cost: number;
}

export interface ModelUsage extends UsageTotals {
  model: string;
}

export interface DailyUsageRow extends ModelUsage {
  /** YYYY-MM-DD in the requested time zone. */
  day: string;
}

export interface UsageSummary {
  from: number;
  to: number;
  totals: UsageTotals;
  models: ModelUsage[];
}

export interface DailyUsage {
  from: number;
  to: number;
  tzOffsetMinutes: number;
  data: DailyUsageRow[];
}

/** One upstream attempt of a request (failover tries the next channel). */
export interface AttemptDetail {
  channel: string;
  /** The upstream key's hint (`sk-…wxyz`), never the key. */
  key?: string;
  model: string;
  /** `ok`, or the error code that ended this attempt. */
  outcome: string;
  status?: number;
  ms: number;
  /** Tried although cooling down, because nothing healthier was left. */
  lastResort?: boolean;
}

export interface RequestLog {
  id: string;
  createdAt: number;
  userId: string | null;
  keyId: string | null;
  keyKind: 'standard' | 'playground' | null;
  modelRequested: string;
  modelServed: string | null;
  provider: string | null;
  /** Null for non-admins. */
  channel: string | null;
  status: number;
  stream: boolean;
  attempts: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  usageEstimated: boolean;
  cost: number;
  latencyMs: number;
  ttftMs: number | null;
  finishReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  clientIp: string | null;
  /** Only with prompt logging on. */
  prompt: string | null;
  output: string | null;
  attemptsDetail?: AttemptDetail[] | null;
  /** Answered from the response cache. */
  cachedResponse?: boolean | null;
}

export interface LogPage {
  data: RequestLog[];
  nextCursor: string | null;
}

/** The parts of an API key the logs need (GET /api/keys). */
export interface KeySummary {
  id: string;
  userId: string;
  name: string;
  hint: string;
  status: 'enabled' | 'disabled';
}

/** The parts of a user the admin filters need (GET /api/admin/users). */
export interface UserSummary {
  id: string;
  email: string;
  displayName: string | null;
}
