import type { ServerResponse } from 'node:http';
import { GatewayError } from '../ir/index.js';
import { isDatabaseUnavailable } from '../store/database-unavailable.js';
import { openAIChatSurface } from '../surfaces/openai/index.js';
import type { Surface } from '../surfaces/surface.js';
import { acceptedHeaders } from './accepted-headers.js';

/** Maps anything thrown on the way in (framework errors, bugs) to a GatewayError. Never leaks a stack. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: string })?.code;
  const status = (error as { statusCode?: number })?.statusCode;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError({
        kind: 'payload_too_large',
        message: 'The request body is larger than the server accepts.',
        code: 'request_too_large',
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError({
        kind: 'unsupported_media_type',
        message: 'The request body must be JSON (Content-Type: application/json).',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError({
        kind: 'invalid_request',
        message: 'The request body is empty; it must be a JSON object.',
      });
    case 'FST_ERR_BAD_URL':
      return new GatewayError({
        kind: 'invalid_request',
        message: 'The URL is not valid: a percent sign must start an escape such as %20.',
        code: 'invalid_url',
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new GatewayError({
        kind: 'invalid_request',
        message: 'A part of the URL path is longer than the server accepts.',
        code: 'invalid_url',
        status: 414,
      });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GatewayError({
        kind: 'invalid_request',
        message: 'The Content-Length header does not match the body.',
      });
    default:
      break;
  }
  if (isDatabaseUnavailable(error)) {
    return new GatewayError({
      kind: 'overloaded',
      message: 'The service is busy and cannot take this request right now. Please retry in a moment.',
      code: 'service_unavailable',
      retryAfterMs: 1000,
      cause: error,
    });
  }
  if (status && status >= 400 && status < 500) {
    return new GatewayError({ kind: 'invalid_request', message: (error as Error).message || 'Bad request.', status });
  }
  return new GatewayError({
    kind: 'internal',
    message: 'The server had an error while processing your request.',
    cause: error,
  });
}

/** Headers every error carries: the request id and, for 429/503, when to come back. */
export function errorHeaders(error: GatewayError, requestId: string): Record<string, string> {
  // Errors may carry headers of their own (a rate limit's x-ratelimit-* and retry-after).
  const own = (error as { headers?: Record<string, string> }).headers;
  const headers: Record<string, string> = { ...own, 'x-request-id': requestId };
  if (own?.['retry-after']) return headers;
  if (error.retryAfterMs !== undefined && (error.status === 429 || error.status === 503)) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
  } else if (error.status === 429) {
    headers['retry-after'] = '1';
  }
  return headers;
}

/**
 * Writes an error in the surface's envelope (OpenAI's by default) on a raw response (used once the
 * framework has handed it over).
 */
export function writeErrorResponse(
  res: ServerResponse,
  error: GatewayError,
  requestId: string,
  surface: Surface = openAIChatSurface,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const envelope = surface.encodeError(error, requestId);
  const body = JSON.stringify(envelope.body);
  res.writeHead(error.status, {
    ...acceptedHeaders({ ...errorHeaders(error, requestId), ...envelope.headers }),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
