import type { ImageBillingUsage } from '../images/image-usage.js';
import { GatewayError } from '../ir/index.js';
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
  const billing = deps.billing as unknown as Partial<UnitBilling>;
  if (typeof billing.holdUnits !== 'function' || typeof billing.settleUnits !== 'function') {
    return unbilledHold(input.caller);
  }
  const { holdUnits, settleUnits } = billing as UnitBilling;
  const where = {
    requestId: input.requestId,
    caller: input.caller,
    model: input.model,
    vendor: input.route.channel.vendor,
    upstreamModel: input.route.upstreamModel,
  };
  // A unit this model is not sold at (a size) is the client's to change: `size` names it.
  await holdUnits.call(billing, { ...where, worst: input.worst, unitParam: 'size' });
  let settled: Promise<Settlement> | undefined;
  return {
    settle(usage, estimated) {
      settled ??= settleUnits.call(billing, { ...where, usage, estimated: estimated ?? false });
      return settled;
    },
  };
}

/**
 * Until billing prices units (the billing foundation's holdUnits/settleUnits): unmetered callers
 * (the bootstrap admin key) are served and charged nothing, as they hold nothing anyway; metered
 * callers are refused, so no image is ever given away unbilled.
 */
function unbilledHold(caller: RelayCaller): ImageHold {
  if (caller.metered) {
    throw new GatewayError({
      kind: 'permission',
      message: 'Images cannot be billed on this server yet: no per-image prices are loaded.',
      code: 'model_price_unknown',
    });
  }
  return {
    async settle(usage, estimated) {
      return { cost: 0, usage: usage ?? { inputTokens: {}, outputTokens: {} }, estimated: estimated ?? false };
    },
  };
}
