import type { Usage } from '../ir/index.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller, Settlement } from './relay-ports.js';

/**
 * The image endpoints' side of billing: a hold of the worst case (tokens and/or per-image units)
 * before the first attempt, settled once with the vendor's usage, or released (nothing charged)
 * when no image was delivered. Retries on other channels share the hold, so they are never
 * charged twice. Priced at the first route's model, as the chat relay does.
 */
export interface ImageHold {
  settle(usage: Usage | undefined, estimated?: boolean): Promise<Settlement>;
}

export async function holdImageCharge(
  deps: RelayDeps,
  input: { requestId: string; caller: RelayCaller; model: string; route: RouteCandidate; worst: Usage },
): Promise<ImageHold> {
  const where = {
    requestId: input.requestId,
    caller: input.caller,
    model: input.model,
    vendor: input.route.channel.vendor,
    upstreamModel: input.route.upstreamModel,
  };
  // A unit this model is not sold at (a size) is the client's to change: `size` names it.
  await deps.billing.holdUnits({ ...where, worst: input.worst, unitParam: 'size' });
  let settled: Promise<Settlement> | undefined;
  return {
    settle(usage, estimated) {
      settled ??= deps.billing.settleUnits({ ...where, usage, estimated: estimated ?? false });
      return settled;
    },
  };
}
