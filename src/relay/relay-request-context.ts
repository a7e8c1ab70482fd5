import type { Surface, SurfaceInput } from '../surfaces/surface.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';

/** One /v1 request as the HTTP layer hands it to the relay: who asks, in which API, and where its trace goes. */
export interface RelayRequestContext {
  requestId: string;
  caller: RelayCaller;
  /** The inbound API the request came in on: it decodes the request and encodes the answer. */
  surface: Surface;
  /** The request as received (body, headers, query, path parameters). */
  input: SurfaceInput;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  trace: RelayTrace;
}
