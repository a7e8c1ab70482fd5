import type { ChatRequest, GatewayError } from '../ir/index.js';
import type { PlannedAttempt } from './attempt-plan.js';
import type { DeliveryMeter } from './delivery-meter.js';
import type { Settlement } from './relay-ports.js';

/**
 * What happened to one request, filled in as it goes, so the request log can tell the story
 * even when the request fails half way (the handler reads it in `finally`).
 */
export class RelayTrace {
  request?: ChatRequest;
  /** The attempt that served the answer, or the last one tried. */
  attempt?: PlannedAttempt;
  attempts = 0;
  meter?: DeliveryMeter;
  settlement?: Settlement;
  /** The upstream failure that cut a stream short after it began. */
  streamError?: GatewayError;
  /** Milliseconds from the request's arrival to the first byte of the answer. */
  ttftMs?: number;
}
