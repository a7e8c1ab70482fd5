import type { GatewayError, GatewayErrorKind } from '../../ir/index.js';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
  /** Anthropic's spec has it in every error body (nullable); the `request-id` header carries it too. */
  request_id: string | null;
}

/**
 * Anthropic's `error.type` for each kind (its "Errors" page and the spec's ErrorResponse). The
 * HTTP status stays the GatewayError's own: our overloaded and no-channel answers are 503 with
 * `overloaded_error` (Anthropic's 529), a spent balance is `billing_error` with our status.
 */
export function anthropicErrorType(kind: GatewayErrorKind): AnthropicErrorType {
  switch (kind) {
    case 'invalid_request':
    case 'unsupported_media_type':
      return 'invalid_request_error';
    case 'authentication':
      return 'authentication_error';
    case 'insufficient_quota':
      return 'billing_error';
    case 'permission':
      return 'permission_error';
    case 'not_found':
      return 'not_found_error';
    case 'payload_too_large':
      return 'request_too_large';
    case 'rate_limit':
      return 'rate_limit_error';
    case 'upstream_timeout':
      return 'timeout_error';
    case 'overloaded':
    case 'no_channel':
      return 'overloaded_error';
    case 'upstream_error':
    case 'internal':
      return 'api_error';
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

/** `{"type":"error","error":{"type","message"},"request_id"}`, the body of an error answer. */
export function encodeAnthropicError(error: GatewayError, requestId?: string): AnthropicErrorBody {
  return {
    type: 'error',
    error: { type: anthropicErrorType(error.kind), message: error.message },
    request_id: requestId ?? null,
  };
}

/** The same error as a stream event, once the 200 is sent (Anthropic's `event: error` has no request id). */
export function encodeAnthropicErrorEvent(error: GatewayError): string {
  const data = { type: 'error', error: { type: anthropicErrorType(error.kind), message: error.message } };
  return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
}
