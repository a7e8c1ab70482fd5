import type { GatewayError, GatewayErrorKind } from '../../ir/index.js';
import type { SurfaceErrorBody } from '../surface.js';

/** Google's error envelope (`google.rpc.Status` as JSON): what @google/genai's ApiError reads. */
export interface GeminiErrorBody {
  error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> };
}

/**
 * The canonical code name Google puts in `error.status` for each kind. The HTTP code stays the
 * GatewayError's own, which differs from Google's in two places:
 * - a bad key is 401 UNAUTHENTICATED (Google answers 400 INVALID_ARGUMENT with reason
 *   API_KEY_INVALID; ours is a 401 on every surface, and clients treat both as fatal);
 * - exhausted balance or quota is RESOURCE_EXHAUSTED, Google's name for quota errors, under our
 *   status (429, or 402 where the operator chose it), so clients that read `status` see quota.
 */
export function googleStatus(kind: GatewayErrorKind): string {
  switch (kind) {
    case 'invalid_request':
    case 'payload_too_large':
    case 'unsupported_media_type':
      return 'INVALID_ARGUMENT';
    case 'authentication':
      return 'UNAUTHENTICATED';
    case 'permission':
      return 'PERMISSION_DENIED';
    case 'not_found':
      return 'NOT_FOUND';
    case 'rate_limit':
    case 'insufficient_quota':
      return 'RESOURCE_EXHAUSTED';
    case 'upstream_error':
    case 'internal':
      return 'INTERNAL';
    case 'upstream_timeout':
      return 'DEADLINE_EXCEEDED';
    case 'overloaded':
    case 'no_channel':
      return 'UNAVAILABLE';
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

/**
 * `{"error":{"code","message","status","details"}}`. A field at fault is named in a
 * `google.rpc.BadRequest` field violation, a wait in a `google.rpc.RetryInfo` (as Google sends
 * with its 429s), and our machine code in a `google.rpc.ErrorInfo` reason.
 */
export function encodeGeminiErrorBody(error: GatewayError): GeminiErrorBody {
  const details: Array<Record<string, unknown>> = [];
  if (error.param) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field: error.param, description: error.message }],
    });
  }
  if (error.code) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: error.code, domain: 'aihub' });
  }
  if (error.retryAfterMs !== undefined) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: `${Math.ceil(error.retryAfterMs / 1000)}s`,
    });
  }
  return {
    error: {
      code: error.status,
      message: error.message,
      status: googleStatus(error.kind),
      ...(details.length > 0 ? { details } : {}),
    },
  };
}

export function encodeGeminiError(error: GatewayError): SurfaceErrorBody {
  return { body: encodeGeminiErrorBody(error) };
}
