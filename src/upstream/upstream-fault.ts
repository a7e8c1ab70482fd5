import type { GatewayError } from '../ir/index.js';

/**
 * The upstream's own failures, as opposed to the client's and AIHub's. Route health (breakers,
 * cooldowns, auto-disable) may hear only these: anything else that goes wrong during an attempt
 * (a header AIHub cannot write, a bug, the client's socket) must never take a model away from
 * other users. A GatewayError is marked where the upstream exchange produces it:
 * - networkError (http-client.ts): undici's connection, TLS, proxy and timeout failures;
 * - the vendor's HTTP error status (provider `decodeError`, read in the relay);
 * - a malformed body or stream, or an error event inside a stream (the relay's readers);
 * - the attempt's own deadline (first byte, total time: the upstream was too slow).
 * A WeakSet rather than a field, so that the error objects the providers build stay as they are.
 */
const upstreamFaults = new WeakSet<GatewayError>();

/** Marks `error` as the upstream's own failure and returns it. */
export function upstreamFault(error: GatewayError): GatewayError {
  upstreamFaults.add(error);
  return error;
}

/** True only for errors marked by `upstreamFault`. */
export function isUpstreamFault(error: unknown): error is GatewayError {
  return typeof error === 'object' && error !== null && upstreamFaults.has(error as GatewayError);
}
