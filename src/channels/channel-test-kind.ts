import type { ProviderCallDeps } from '../relay/provider-call.js';
import type { Channel } from '../routing/channel.js';
import { builtinVendors, type VendorRegistry } from '../vendors/vendor-registry.js';

/**
 * What the admin's channel test asks of the upstream: a tiny chat request, a tiny rerank, or (a
 * Midjourney proxy, which answers neither) a lookup of no task.
 */
export type ChannelTestKind = 'chat' | 'rerank' | 'midjourney-lookup';

/**
 * The test that fits the channel and the model tested: a rerank when the model is a rerank model
 * or the vendor serves rerank and no chat (Cohere, Jina), as long as the channel's wire format
 * can rerank at all; a chat request otherwise.
 */
export function channelTestKind(
  channel: Channel,
  upstreamModel: string,
  deps: Pick<ProviderCallDeps, 'providers' | 'directory'>,
  vendors: VendorRegistry = builtinVendors,
): ChannelTestKind {
  if (channel.provider === 'midjourney-proxy') return 'midjourney-lookup';
  const reranks = deps.providers[channel.provider].rerankBilling?.(channel.compat) !== undefined;
  if (!reranks) return 'chat';
  const rerankModel = deps.directory.modelMode?.(channel.vendor, upstreamModel) === 'rerank';
  const rerankOnly = vendors.serves(channel.vendor, 'rerank') && !vendors.serves(channel.vendor, 'chat');
  return rerankModel || rerankOnly ? 'rerank' : 'chat';
}
