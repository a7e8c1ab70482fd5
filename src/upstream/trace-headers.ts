/**
 * Trace context headers (`traceparent`, `tracestate`) an upstream call carries, kept per call
 * signal (one signal per attempt, as connection-wait.ts does), so the attempt's span can hand
 * them to the HTTP client without them travelling through every provider in between.
 */
const headersBySignal = new WeakMap<object, Record<string, string>>();

/** The call made under `signal` sends these headers too. */
export function sendTraceHeadersUnder(signal: object, headers: Record<string, string>): void {
  headersBySignal.set(signal, headers);
}

/** `headers` plus the trace headers registered for `signal`; the same object when there are none. */
export function withTraceHeaders(headers: Record<string, string>, signal: object): Record<string, string> {
  const extra = headersBySignal.get(signal);
  return extra ? { ...headers, ...extra } : headers;
}
