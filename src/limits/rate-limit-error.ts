import { GatewayError } from '../ir/index.js';
import type { Scope } from './limit-types.js';
import { formatResetDuration } from './reset-duration.js';

/**
 * A 429 from our own limits, in OpenAI's words, carrying the headers OpenAI sends with it
 * (`x-ratelimit-*`, `retry-after`, `retry-after-ms`). The HTTP layer must add `headers` to the
 * error response (GatewayError has no headers field).
 */
export class RateLimitError extends GatewayError {
  readonly headers: Record<string, string>;

  constructor(options: { message: string; retryAfterMs?: number; headers: Record<string, string>; code?: string }) {
    super({
      kind: 'rate_limit',
      status: 429,
      code: options.code ?? 'rate_limit_exceeded',
      message: options.message,
      retryAfterMs: options.retryAfterMs,
      // Another channel would not help: the limit is the caller's, not the upstream's.
      retryable: false,
    });
    this.name = 'RateLimitError';
    const headers = { ...options.headers };
    if (options.retryAfterMs !== undefined) {
      headers['retry-after'] = String(Math.max(1, Math.ceil(options.retryAfterMs / 1000)));
      headers['retry-after-ms'] = String(Math.max(0, Math.ceil(options.retryAfterMs)));
    }
    this.headers = headers;
  }
}

export function isRateLimitError(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError;
}

export interface ScopeName {
  scope: Scope;
  /** The override pattern, for scope `model`. */
  pattern?: string;
}

function scopeText({ scope, pattern }: ScopeName): string {
  if (scope === 'user') return 'for your account';
  if (scope === 'model') return `for this API key (models matching '${pattern}')`;
  return 'for this API key';
}

const PER_MIN = { requests: 'requests per min (RPM)', tokens: 'tokens per min (TPM)' } as const;

/** "Rate limit reached for gpt-4o for this API key on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in 2s." */
export function windowMessage(
  model: string,
  dimension: 'requests' | 'tokens',
  where: ScopeName,
  numbers: { limit: number; used: number; requested: number; retryAfterMs: number },
): string {
  return (
    `Rate limit reached for ${model} ${scopeText(where)} on ${PER_MIN[dimension]}: ` +
    `Limit ${numbers.limit}, Used ${numbers.used}, Requested ${numbers.requested}. ` +
    `Please try again in ${formatResetDuration(numbers.retryAfterMs)}.`
  );
}

/** A request whose estimate alone exceeds the TPM limit can never pass: say so (as OpenAI does). */
export function tooLargeMessage(model: string, where: ScopeName, limit: number, requested: number): string {
  return (
    `Request too large for ${model} ${scopeText(where)} on ${PER_MIN.tokens}: Limit ${limit}, Requested ${requested}. ` +
    'The input or output tokens must be reduced in order to run successfully.'
  );
}

export function concurrencyMessage(model: string, where: ScopeName, limit: number, inFlight: number): string {
  return (
    `Too many concurrent requests for ${model} ${scopeText(where)}: Limit ${limit}, In flight ${inFlight}. ` +
    'Please try again when one of them has finished.'
  );
}
