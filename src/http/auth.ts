import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../ir/index.js';

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * The caller's key, from any of the places the vendor SDKs put it: `Authorization: Bearer`
 * (OpenAI), `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini).
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
  const header = request.headers['x-api-key'] ?? request.headers['x-goog-api-key'];
  if (typeof header === 'string' && header) return header.trim();
  const key = query?.key;
  return typeof key === 'string' && key ? key : undefined;
}

/** Checks a presented key against the known key hashes in constant time per comparison. */
export class KeyVerifier {
  constructor(private readonly hashes: Buffer[]) {}

  verify(key: string | undefined): void {
    if (!key) {
      throw new GatewayError({
        kind: 'authentication',
        message: "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.",
        code: 'missing_api_key',
      });
    }
    const presented = sha256(key);
    if (!this.hashes.some((hash) => timingSafeEqual(hash, presented))) {
      throw new GatewayError({
        kind: 'authentication',
        message: 'Incorrect API key provided.',
        code: 'invalid_api_key',
      });
    }
  }
}
