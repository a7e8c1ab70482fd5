/**
 * The one error type of the gateway. Everything that can go wrong is a GatewayError with a kind;
 * each surface renders it once, at the edge, in its own API's envelope.
 */
export type GatewayErrorKind =
  | 'invalid_request' // 400: the client's request is malformed or asks for something impossible
  | 'authentication' // 401: missing or wrong key
  | 'permission' // 403: the key may not do this
  | 'not_found' // 404: unknown route or model
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'rate_limit' // 429: too many requests (ours or the upstream's)
  | 'insufficient_quota' // 402/429: balance or quota exhausted
  | 'upstream_error' // 502: the upstream failed (5xx, malformed answer)
  | 'upstream_timeout' // 504
  | 'overloaded' // 503 / Anthropic 529: the upstream is overloaded
  | 'no_channel' // 503: no upstream configured for this model is available
  | 'internal'; // 500: a bug in the gateway

export interface GatewayErrorOptions {
  kind: GatewayErrorKind;
  message: string;
  /** HTTP status to answer with; defaults from the kind. */
  status?: number;
  /** The request field at fault (OpenAI `param`). */
  param?: string | null;
  /** A machine-readable code (OpenAI `code`), e.g. `model_not_found`, `context_length_exceeded`. */
  code?: string | null;
  /** Whether another attempt (another channel/key) could succeed. Defaults from the kind. */
  retryable?: boolean;
  /** Milliseconds the upstream asked us to wait (retry-after). */
  retryAfterMs?: number;
  /** The upstream's own HTTP status and error type, kept for logs. */
  upstreamStatus?: number;
  upstreamType?: string;
  cause?: unknown;
}

const DEFAULT_STATUS: Record<GatewayErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limit: 429,
  insufficient_quota: 429,
  upstream_error: 502,
  upstream_timeout: 504,
  overloaded: 503,
  no_channel: 503,
  internal: 500,
};

const RETRYABLE_KINDS: ReadonlySet<GatewayErrorKind> = new Set([
  'rate_limit',
  'upstream_error',
  'upstream_timeout',
  'overloaded',
]);

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  readonly status: number;
  readonly param: string | null;
  readonly code: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly upstreamStatus?: number;
  readonly upstreamType?: string;

  constructor(options: GatewayErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'GatewayError';
    this.kind = options.kind;
    this.status = options.status ?? DEFAULT_STATUS[options.kind];
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.retryable = options.retryable ?? RETRYABLE_KINDS.has(options.kind);
    this.retryAfterMs = options.retryAfterMs;
    this.upstreamStatus = options.upstreamStatus;
    this.upstreamType = options.upstreamType;
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** Maps an upstream HTTP status to the kind we report when the vendor's body says nothing better. */
export function kindForUpstreamStatus(status: number): GatewayErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'authentication';
  if (status === 402) return 'insufficient_quota';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'upstream_timeout';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status === 504) return 'upstream_timeout';
  return 'upstream_error';
}

/** Parses a `retry-after` header (seconds or HTTP date) or `retry-after-ms` into milliseconds. */
export function parseRetryAfter(
  headers: Record<string, string | string[] | undefined>,
  now: number = Date.now(),
): number | undefined {
  const ms = first(headers['retry-after-ms']);
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = first(headers['retry-after']);
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
