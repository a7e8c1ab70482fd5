import { GatewayError, kindForUpstreamStatus, parseRetryAfter } from '../../ir/index.js';

type Headers = Record<string, string | string[] | undefined>;

/**
 * A proxy's non-2xx answer: its own `{code, description}`, Spring's `{status, error, message}`,
 * or plain text. Only the status decides the kind; the text is kept for the log, trimmed.
 */
export function decodeMjError(status: number, headers: Headers, bodyText: string): GatewayError {
  const retryAfterMs = parseRetryAfter(headers);
  return new GatewayError({
    kind: kindForUpstreamStatus(status),
    message: `Midjourney proxy error (${status}): ${describe(bodyText)}`,
    code: 'upstream_error',
    upstreamStatus: status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function describe(bodyText: string): string {
  try {
    const body = JSON.parse(bodyText) as Record<string, unknown>;
    for (const field of ['description', 'message', 'error']) {
      const value = body[field];
      if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 300);
    }
  } catch {
    // Not JSON: the text itself.
  }
  return bodyText.trim().slice(0, 300) || 'no details';
}
