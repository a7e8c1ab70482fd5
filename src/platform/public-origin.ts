/**
 * The address AIHub is reached at, for links it writes. Two kinds of link, two rules:
 *
 * - {@link configuredPublicBase}: links that travel to someone else (emails). Only the operator's
 *   `publicBaseUrl` setting. A request's Host header is the client's to choose: taking it would let
 *   anyone ask a reset for a victim with `Host: evil.example` and receive the victim's token.
 * - {@link publicBaseFor}: links that come back to the requester in their own flow (the OAuth
 *   callback, a payment's return and notify URLs, the passkey relying party, Midjourney image
 *   links). The configured address, else the origin this request came to (Fastify's protocol and
 *   host, which honour X-Forwarded-* only from a trusted proxy, http/trusted-proxy.ts): a forged
 *   Host there only misleads the forger.
 *
 * Both return the base without trailing slashes, so `${base}/path` is well formed. Pure.
 */

/** The operator's public address (`https://ai.example.com`, or with a path prefix); null when unset. */
export function configuredPublicBase(publicBaseUrl: string): string | null {
  const base = publicBaseUrl.trim().replace(/\/+$/, '');
  return base === '' ? null : base;
}

/** The operator's public address, else this request's own origin. Never for links sent to others. */
export function publicBaseFor(publicBaseUrl: string, request: { protocol: string; host: string }): string {
  return configuredPublicBase(publicBaseUrl) ?? `${request.protocol}://${request.host}`;
}
