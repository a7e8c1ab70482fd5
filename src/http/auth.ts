import type { IncomingMessage } from 'node:http';

/**
 * The caller's key, from any of the places the vendor SDKs put it: `Authorization: Bearer`
 * (OpenAI), `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini), `mj-api-secret` (the
 * Midjourney proxy's clients).
 */
export function extractApiKey(
  request: IncomingMessage,
  query: Record<string, unknown> | undefined,
): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match?.[1]) return match[1].trim();
  }
  const header = request.headers['x-api-key'] ?? request.headers['x-goog-api-key'] ?? request.headers['mj-api-secret'];
  if (typeof header === 'string' && header) return header.trim();
  const key = query?.key;
  return typeof key === 'string' && key ? key : undefined;
}
