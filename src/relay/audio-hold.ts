import type { AudioCharge } from '../audio/audio-charge.js';
import { modelPriceUnknownError } from '../billing/billing-errors.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { DeliveryMeter } from './delivery-meter.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';

export interface AudioHold {
  /** Charges what was delivered (undefined: nothing, the hold is released), exactly once. */
  settle(charge: AudioCharge | undefined, estimated: boolean, servedModel?: string): Promise<void>;
}

/**
 * Holds the worst an audio call can cost and settles it to its charge, through the relay's
 * billing port. Tokens go through the token hold (the worst input as a prompt of that many
 * bytes, the output bound as the output limit). Per-unit charges (tts-1's characters, whisper-1's
 * seconds) need the per-unit prices of the billing foundation: until it is wired here, a metered
 * caller is refused them as unpriced (403 model_price_unknown), never served free.
 */
export async function holdAudio(
  input: { requestId: string; caller: RelayCaller; model: string; route: RouteCandidate; worst: AudioCharge },
  trace: RelayTrace,
  deps: RelayDeps,
): Promise<AudioHold> {
  const { caller, worst } = input;
  if (worst.units && caller.metered) throw modelPriceUnknownError(input.model);
  const hold = await deps.billing.hold({
    requestId: input.requestId,
    caller,
    route: input.route,
    request: {
      model: input.model,
      messages: [{ role: 'user', content: [{ type: 'text', text: '0'.repeat(worst.inputTokens) }] }],
      maxOutputTokens: worst.outputTokens,
      stream: false,
      includeUsage: false,
    },
  });
  return {
    async settle(charge, _estimated, servedModel) {
      if (!charge) {
        trace.settlement = await hold.settle(undefined);
        return;
      }
      const meter = new DeliveryMeter();
      meter.delivered = true;
      meter.finishReason = { unified: 'stop' };
      meter.usage = { inputTokens: { total: charge.inputTokens }, outputTokens: { total: charge.outputTokens } };
      if (servedModel) meter.servedModel = servedModel;
      trace.meter = meter;
      trace.settlement = await hold.settle(meter);
    },
  };
}
