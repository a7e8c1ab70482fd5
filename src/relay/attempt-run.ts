import type { ChatRequest, GatewayError } from '../ir/index.js';
import type { ResponseMeta, Surface, SurfaceInput } from '../surfaces/surface.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import type { PlannedAttempt } from './attempt-plan.js';
import type { ClientConnection } from './client-connection.js';
import type { DeliveryMeter } from './delivery-meter.js';
import type { OpenedCall } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { Settlement } from './relay-ports.js';
import type { ServedAnswer } from './relay-trace.js';

/** Everything one upstream attempt needs. */
export interface AttemptRun {
  /** The request as sent upstream (remote media inlined where this vendor needs bytes). */
  prepared: ChatRequest;
  /** The request as the client sent it (its model name is what the client sees), after billing's output cap. */
  request: ChatRequest;
  /** The output limit the client itself set, if any (billing may have set or lowered `request`'s). */
  clientMaxOutputTokens: number | undefined;
  requestId: string;
  /** The inbound API, which encodes the answer, and the request as received. */
  surface: Surface;
  input: SurfaceInput;
  attempt: PlannedAttempt;
  /** 1 for the first attempt. */
  attemptNumber: number;
  client: ClientConnection;
  /** The upstream call's signal: the client's, plus this attempt's first-byte and total limits. */
  signal: UpstreamSignal;
  deps: RelayDeps;
  /** Records what this attempt delivered (billing charges from it). */
  meter: DeliveryMeter;
  /** Called when the first byte of the answer is sent. */
  onFirstByte: () => void;
  /**
   * Commits the charge for what `meter` recorded. Called after the upstream finished and before
   * the last bytes leave (a JSON body, a stream's closing frames); a rejection means the charge
   * is not known to be committed, and the answer is then not completed. Resolves to what was
   * charged, which the answer repeats (`usage.cost`, `x-aihub-cost`).
   */
  settle: () => Promise<Settlement>;
  /** Called with the answer once it is known (the JSON result, the stream's encoder, a pass-through's answer object). */
  onServed?: (served: ServedAnswer) => void;
  /**
   * Continues a translated stream that broke after it began on another channel (the operator's
   * `streamContinuation` switch, stream-continuation.ts). Absent: a broken stream ends with an error.
   */
  continuation?: StreamContinuation;
}

export interface StreamContinuation {
  /**
   * Starts `request` (the conversation with the delivered text as a prefill) on another channel
   * that can continue it, after `failure` broke the stream; undefined when none can.
   */
  open(request: ChatRequest, failure: GatewayError): Promise<ContinuationSegment | undefined>;
}

/** One continuation's upstream call, and the attempt it is. */
export interface ContinuationSegment {
  run: AttemptRun;
  call: OpenedCall;
  /** Reports the continuation's outcome (undefined: it finished the answer) to route health and the log. */
  end(failure: GatewayError | undefined): void;
}

/** What the surface repeats in its answer: our ids, the client's model name, who served. */
export function responseMeta(run: AttemptRun): ResponseMeta {
  return {
    requestId: run.requestId,
    created: Math.floor(run.deps.now() / 1000),
    model: run.request.model,
    provider: run.attempt.channel.provider,
    vendor: run.attempt.channel.vendor,
  };
}
