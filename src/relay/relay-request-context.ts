import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';

/** One /v1 request as the HTTP layer hands it to the relay: who asks, and where its trace goes. */
export interface RelayRequestContext {
  requestId: string;
  caller: RelayCaller;
  /** The client's request headers (the cache reads its opt-in from them). */
  headers: Record<string, string | string[] | undefined>;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  trace: RelayTrace;
}
