import { z } from 'zod';
import { GatewayError, type GatewayErrorKind, kindForUpstreamStatus, parseRetryAfter } from '../../ir/index.js';

type Headers = Record<string, string | string[] | undefined>;

/** Anthropic's error envelope `{type:'error', error:{type, message}}`, read leniently. */
const errorEnvelopeSchema = z.looseObject({
  type: z.literal('error'),
  error: z.looseObject({
    type: z.string().optional(),
    message: z.string().optional(),
  }),
});

export interface AnthropicErrorObject {
  type?: string;
  message?: string;
}

/** Anthropic error types (see its "Errors" page), with an "other" bucket: `undefined`. */
export function kindForAnthropicErrorType(type: string | undefined): GatewayErrorKind | undefined {
  switch (type) {
    case 'invalid_request_error':
      return 'invalid_request';
    case 'authentication_error':
      return 'authentication';
    case 'billing_error':
      return 'insufficient_quota';
    case 'permission_error':
      return 'permission';
    case 'not_found_error':
      return 'not_found';
    case 'request_too_large':
      return 'payload_too_large';
    case 'rate_limit_error':
      return 'rate_limit';
    case 'api_error':
      return 'upstream_error';
    case 'timeout_error':
      return 'upstream_timeout';
    case 'overloaded_error':
      return 'overloaded';
    default:
      return undefined;
  }
}

/**
 * Builds the GatewayError for an Anthropic error object, from an HTTP error body, a 200 body
 * that is an error in disguise, or an `error` event inside a stream (no status there).
 */
export function anthropicErrorFromObject(
  error: AnthropicErrorObject,
  options: { status?: number; retryAfterMs?: number } = {},
): GatewayError {
  const kind =
    kindForAnthropicErrorType(error.type) ??
    (options.status !== undefined && options.status >= 400 ? kindForUpstreamStatus(options.status) : 'upstream_error');
  const message = error.message?.trim() ? error.message : `Anthropic upstream error (${error.type ?? 'unknown'})`;
  return new GatewayError({
    kind,
    message,
    code: kind === 'invalid_request' && /prompt is too long/i.test(message) ? 'context_length_exceeded' : null,
    retryAfterMs: options.retryAfterMs,
    upstreamStatus: options.status,
    upstreamType: error.type,
  });
}

/** Returns the error object when `body` is Anthropic's error envelope, else undefined. */
export function readAnthropicErrorEnvelope(body: unknown): AnthropicErrorObject | undefined {
  const parsed = errorEnvelopeSchema.safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
}

/** Maps a non-2xx Anthropic answer to a GatewayError. A 529 (overloaded) becomes our 503. */
export function decodeAnthropicError(status: number, headers: Headers, bodyText: string): GatewayError {
  const retryAfterMs = parseRetryAfter(headers);
  const envelope = readAnthropicErrorEnvelope(parseJson(bodyText));
  if (envelope) return anthropicErrorFromObject(envelope, { status, retryAfterMs });
  // Not Anthropic's envelope (a proxy's HTML page, an empty body): never echo the body itself.
  return new GatewayError({
    kind: kindForUpstreamStatus(status),
    message: `Anthropic upstream answered HTTP ${status}`,
    retryAfterMs,
    upstreamStatus: status,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
