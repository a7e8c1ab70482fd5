import type { AudioCharge } from '../audio/audio-charge.js';
import type { Usage } from '../ir/index.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { DeliveryMeter } from './delivery-meter.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller, UnitsPricing } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';

export interface AudioHold {
  /** Charges what was delivered (undefined: nothing, the hold is released), exactly once. */
  settle(charge: AudioCharge | undefined, estimated: boolean, servedModel?: string): Promise<void>;
}

/** An audio charge as the billing foundation's Usage: tokens (audio parts apart), and units billed per unit. */
export function usageOfCharge(charge: AudioCharge): Usage {
  const usage: Usage = { inputTokens: { total: charge.inputTokens }, outputTokens: { total: charge.outputTokens } };
  if (charge.inputAudioTokens !== undefined) usage.inputTokens.audio = charge.inputAudioTokens;
  if (charge.outputAudioTokens !== undefined) usage.outputTokens.audio = charge.outputAudioTokens;
  if (charge.units) usage.units = { ...charge.units };
  return usage;
}

/**
 * Holds the worst an audio call can cost (audio-charge.ts: characters, seconds, or tokens in and
 * out) through the billing port's holdUnits, at the caller's sale price for the first route, and
 * settles it once to the charge (settleUnits; released when nothing was delivered). Refusals are
 * billing's: 403 unpriced model, 402 balance, 429 key quota, 400 `unsupported_unit`.
 */
export async function holdAudio(
  input: { requestId: string; caller: RelayCaller; model: string; route: RouteCandidate; worst: AudioCharge },
  trace: RelayTrace,
  deps: RelayDeps,
): Promise<AudioHold> {
  const pricing: UnitsPricing = {
    requestId: input.requestId,
    caller: input.caller,
    model: input.model,
    vendor: input.route.channel.vendor,
    upstreamModel: input.route.upstreamModel,
  };
  await deps.billing.holdUnits({ ...pricing, worst: usageOfCharge(input.worst), unitParam: 'model' });
  return {
    async settle(charge, estimated, servedModel) {
      if (!charge) {
        trace.settlement = await deps.billing.settleUnits({ ...pricing, usage: undefined });
        return;
      }
      const usage = usageOfCharge(charge);
      const meter = new DeliveryMeter();
      meter.delivered = true;
      meter.finishReason = { unified: 'stop' };
      meter.usage = usage;
      if (servedModel) meter.servedModel = servedModel;
      trace.meter = meter;
      trace.settlement = await deps.billing.settleUnits({ ...pricing, usage, estimated });
    },
  };
}
