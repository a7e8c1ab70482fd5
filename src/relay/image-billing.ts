import type { ImageBillingUsage } from '../images/image-usage.js';
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
  settle(usage: ImageBillingUsage | undefined, estimated?: boolean): Promise<Settlement>;
}

/** billing's unit-priced hold and settlement (RelayBilling.holdUnits / settleUnits). */
interface UnitBilling {
  holdUnits(input: {
    requestId: string;
    caller: RelayCaller;
    model: string;
    vendor: string;
    upstreamModel: string;
    worst: ImageBillingUsage;
    unitParam?: string;
  }): Promise<unknown>;
  settleUnits(input: {
    requestId: string;
    caller: RelayCaller;
    model: string;
    vendor: string;
    upstreamModel: string;
    usage: ImageBillingUsage | undefined;
    estimated?: boolean;
  }): Promise<Settlement>;
}

export async function holdImageCharge(
  deps: RelayDeps,
  input: { requestId: string; caller: RelayCaller; model: string; route: RouteCandidate; worst: ImageBillingUsage },
): Promise<ImageHold> {
  const billing = deps.billing as unknown as UnitBilling;
  const where = {
    requestId: input.requestId,
    caller: input.caller,
    model: input.model,
    vendor: input.route.channel.vendor,
    upstreamModel: input.route.upstreamModel,
  };
  // A unit this model is not sold at (a size) is the client's to change: `size` names it.
  await billing.holdUnits({ ...where, worst: input.worst, unitParam: 'size' });
  let settled: Promise<Settlement> | undefined;
  return {
    settle(usage, estimated) {
      settled ??= billing.settleUnits({ ...where, usage, estimated: estimated ?? false });
      return settled;
    },
  };
}
