import type { GatewayError } from '../ir/index.js';
import type { RequestEndpoint, RequestLogEntry } from '../logs/request-log-entry.js';
import type { PlannedAttempt } from './attempt-plan.js';

/** The phases of a relayed request that get their own span, besides its upstream attempts. */
export type RequestPhase = 'admission' | 'hold' | 'settlement';

/**
 * The trace of one request as the relay sees it: the request's own span, with a child span per
 * phase and per upstream attempt. observability/request-tracing.ts implements it over
 * OpenTelemetry; without tracing configured there is none, and the relay skips every call.
 */
export interface RequestSpan {
  /** A phase starts now; call what is returned when it ends, with the error if it failed. */
  phase(name: RequestPhase): (error?: unknown) => void;
  /**
   * An upstream attempt starts now; call what is returned when it ends. `signal` is the attempt's
   * upstream signal: where the operator allows it, the attempt's `traceparent` is sent under it.
   */
  attempt(
    attempt: PlannedAttempt,
    details: { attemptNumber: number; endpoint: RequestEndpoint; signal: object },
  ): (outcome: string, status?: number) => void;
  /** The request is over: its log entry says what happened (never its prompt or answer text). */
  end(entry: RequestLogEntry, error?: GatewayError): void;
}

/** What starts a request's span: the HTTP request as it came in (a client's `traceparent` is continued). */
export interface RequestTracing {
  start(request: { method: string; url: string; headers: Record<string, string | string[] | undefined> }): RequestSpan;
  /** Sends the spans still buffered. */
  shutdown(): Promise<void>;
}

/**
 * Runs `work` as a phase of the request's span, when the request has one. Without a span it is
 * `work()` itself: no extra promise on the untraced hot path.
 */
export function inPhase<T>(span: RequestSpan | undefined, name: RequestPhase, work: () => Promise<T>): Promise<T> {
  return span ? tracedPhase(span, name, work) : work();
}

async function tracedPhase<T>(span: RequestSpan, name: RequestPhase, work: () => Promise<T>): Promise<T> {
  const end = span.phase(name);
  try {
    const result = await work();
    end();
    return result;
  } catch (error) {
    end(error);
    throw error;
  }
}
