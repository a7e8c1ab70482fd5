import type { ChatRequest } from '../ir/index.js';
import type { CandidateFacts } from '../routing/provider-preferences.js';
import { providerContext } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';

/**
 * What the caller's provider preferences (and the operator's routing policy) read of a route: its
 * sale price for the caller, its cost to the operator, the parameters its vendor would drop (the provider's own encoding, pure; one that refuses the request
 * drops it all), and its measured speed.
 */
export function candidateFacts(request: ChatRequest, caller: RelayCaller, deps: RelayDeps): CandidateFacts {
  return {
    price: (candidate) => deps.billing.tokenPrice(caller, candidate),
    cost: (candidate) => deps.billing.routeCost(candidate),
    droppedParams: (candidate) => {
      const target = { channel: candidate.channel, upstreamModel: candidate.upstreamModel, apiKey: '' };
      try {
        const provider = deps.providers[candidate.channel.provider];
        return provider.encodeRequest({ ...request, model: candidate.upstreamModel }, providerContext(target, deps))
          .droppedParams;
      } catch {
        return ['*'];
      }
    },
    speed: (candidate) => deps.routeSpeed?.get(candidate.channel.id, candidate.upstreamModel),
  };
}
