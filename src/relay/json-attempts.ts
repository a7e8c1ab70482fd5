import { GatewayError } from '../ir/index.js';
import type { EncodedRequest, Provider } from '../providers/provider.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { type ProviderCallTarget, readJsonBody, sendEncodedRequest } from './provider-call.js';

/**
 * Sends an encoded request and reads its 2xx JSON answer. The vendor's error status (decoded by its
 * provider) and an unreadable answer are the upstream's faults; network failures are marked already.
 */
export async function fetchUpstreamJson(
  provider: Provider,
  encoded: EncodedRequest,
  target: ProviderCallTarget,
  signal: UpstreamSignal,
): Promise<unknown> {
  const response = await sendEncodedRequest(provider, encoded, target, signal).catch((error: unknown) => {
    throw error instanceof GatewayError && error.upstreamStatus !== undefined ? upstreamFault(error) : error;
  });
  return readJsonBody(response).catch((error: unknown) => {
    throw error instanceof GatewayError ? upstreamFault(error) : error;
  });
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
