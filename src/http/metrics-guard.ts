import { createHash, timingSafeEqual } from 'node:crypto';
import type { MetricsAccess } from '../config/settings.js';
import { addressListMatcher, trustedPeer } from './trusted-proxy.js';

/** Why a scrape is refused: no or a wrong token (401), or an address not let in (403). */
export type ScrapeRefusal = 'token' | 'address';

export interface ScrapeRequest {
  /** The `Authorization` header as sent. */
  authorization: string | undefined;
  /** The directly connected peer (the socket's address). */
  peerAddress: string | undefined;
  /** The client's address as the HTTP layer resolved it (X-Forwarded-For, from a trusted proxy only). */
  forwardedAddress: string;
}

/**
 * Decides who may scrape `/metrics` (the operator's `AIHUB_METRICS_TOKEN` and/or
 * `AIHUB_METRICS_ALLOW`; neither: loopback only). The client's address is the socket's, unless
 * the socket is a proxy the operator trusts (`AIHUB_TRUST_PROXY`): a forged X-Forwarded-For from
 * anyone else changes nothing. Throws at start on an allow-list entry it cannot read.
 */
export function metricsGuard(
  access: MetricsAccess,
  trustProxy: boolean | number | string | undefined,
): (request: ScrapeRequest) => ScrapeRefusal | undefined {
  const isTrustedProxy = trustedPeer(trustProxy);
  const allowed =
    access.allow !== undefined
      ? addressListMatcher(access.allow, 'AIHUB_METRICS_ALLOW')
      : access.token === undefined
        ? addressListMatcher('loopback', 'AIHUB_METRICS_ALLOW')
        : undefined;
  const tokenDigest = access.token === undefined ? undefined : digest(access.token);
  return (request) => {
    if (tokenDigest && !tokenMatches(request.authorization, tokenDigest)) return 'token';
    if (allowed) {
      const peer = request.peerAddress ?? '';
      const client = isTrustedProxy(peer) ? request.forwardedAddress : peer;
      if (!allowed(client)) return 'address';
    }
    return undefined;
  };
}

function tokenMatches(authorization: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  // Compared as digests: equal lengths, and no timing hint of how much of the token was right.
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1].trim()), expected);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
