import { GatewayError } from '../ir/index.js';
import type { RerankRequest, RerankResult } from '../rerank/rerank-types.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import { decodeUpstream, fetchUpstreamJson } from './json-attempts.js';
import { type ProviderCallDeps, type ProviderCallTarget, providerContext } from './provider-call.js';

/**
 * One rerank call, for a relay attempt and an admin's channel test alike: encoded for the
 * channel's vendor, sent with its timeouts and HTTP proxy, decoded. The vendor's error status and
 * an unreadable answer are thrown as the upstream's faults.
 */
export async function callRerank(
  request: RerankRequest,
  target: ProviderCallTarget,
  deps: ProviderCallDeps,
  signal: UpstreamSignal,
): Promise<RerankResult> {
  const provider = deps.providers[target.channel.provider];
  const context = providerContext(target, deps);
  const encode = provider.encodeRerank;
  const decode = provider.decodeRerank;
  if (!encode || !decode) throw new GatewayError({ kind: 'internal', message: `${provider.id} serves no rerank.` });
  const encoded = encode({ ...request, model: target.upstreamModel }, context);
  const body = await fetchUpstreamJson(provider, encoded, target, signal);
  return decodeUpstream(() => decode(body, context, request.documents.length));
}
