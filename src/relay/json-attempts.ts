import { GatewayError } from '../ir/index.js';
import type { EncodedRequest, Provider } from '../providers/provider.js';
import { networkError, readBodyBytes, type UpstreamResponse, type UpstreamSignal } from '../upstream/http-client.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import {
  type ProviderCallTarget,
  readJsonBody,
  sendEncodedRequest,
  UPSTREAM_ANSWER_LIMIT_BYTES,
} from './provider-call.js';

/**
 * Sends an encoded request and returns its open 2xx answer. The vendor's error status (decoded by
 * its provider) is the upstream's fault; network failures are marked already.
 */
export function sendMarked(
  provider: Provider,
  encoded: EncodedRequest,
  target: ProviderCallTarget,
  signal: UpstreamSignal,
): Promise<UpstreamResponse> {
  return sendEncodedRequest(provider, encoded, target, signal).catch((error: unknown) => {
    throw error instanceof GatewayError && error.upstreamStatus !== undefined ? upstreamFault(error) : error;
  });
}

/** Reads a 2xx answer's JSON; an unreadable one is the upstream's fault. */
export function readMarkedJson(response: UpstreamResponse): Promise<unknown> {
  return readJsonBody(response).catch((error: unknown) => {
    throw error instanceof GatewayError ? upstreamFault(error) : error;
  });
}

/**
 * Reads a 2xx answer's bytes whole (bounded as JSON answers are). A connection that fails mid-body
 * is the upstream's network failure (a 502, retried elsewhere), unless the attempt was aborted:
 * then its own reason (the deadline's GatewayError) stands.
 */
export function readMarkedBytes(response: UpstreamResponse, signal: UpstreamSignal): Promise<Buffer> {
  return readBodyBytes(response.body, UPSTREAM_ANSWER_LIMIT_BYTES).catch((error: unknown) => {
    if (signal.aborted && signal.reason instanceof GatewayError) throw signal.reason;
    if (error instanceof GatewayError) throw upstreamFault(error);
    throw networkError(error);
  });
}

/** Sends an encoded request and reads its 2xx JSON answer, failures marked as above. */
export async function fetchUpstreamJson(
  provider: Provider,
  encoded: EncodedRequest,
  target: ProviderCallTarget,
  signal: UpstreamSignal,
): Promise<unknown> {
  return readMarkedJson(await sendMarked(provider, encoded, target, signal));
}

/** Runs a decoder of an upstream answer: a GatewayError it throws is the upstream's fault (retried elsewhere). */
export function decodeUpstream<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof GatewayError) throw upstreamFault(error);
    throw error;
  }
}
