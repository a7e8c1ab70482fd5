/**
 * Where and how traces are exported, from the environment variables the OpenTelemetry
 * specification defines (so an operator's usual OTEL_* settings work), plus AIHub's own switch for
 * sending the trace context upstream. Tracing is off unless an OTLP endpoint is set.
 */
export interface TracingSettings {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL (`/v1/traces` is appended). */
  endpoint?: string;
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: the full traces URL, used as it is. */
  tracesEndpoint?: string;
  /** OTEL_EXPORTER_OTLP_HEADERS / _TRACES_HEADERS: `key=value,key2=value2` (an API key for a hosted collector). */
  headers: Record<string, string>;
  /** OTEL_SERVICE_NAME, default `aihub`. */
  serviceName: string;
  /** OTEL_BSP_SCHEDULE_DELAY: milliseconds between batch exports (default 5000, as the SDK). */
  batchDelayMs: number;
  /** AIHUB_TRACE_UPSTREAM=true: send each attempt's `traceparent` to the upstream (off by default). */
  propagateUpstream: boolean;
}

/** The tracing settings, or undefined when tracing is off (no endpoint, OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER=none). */
export function loadTracingSettings(env: NodeJS.ProcessEnv): TracingSettings | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || undefined;
  if (!endpoint && !traces) return undefined;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined;
  for (const [name, value] of [
    ['OTEL_EXPORTER_OTLP_ENDPOINT', endpoint],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces],
  ] as const) {
    if (value !== undefined && !isHttpUrl(value)) throw new Error(`${name} must be an http(s) URL, not "${value}"`);
  }
  const delay = Number(env.OTEL_BSP_SCHEDULE_DELAY ?? '');
  return {
    ...(endpoint ? { endpoint } : {}),
    ...(traces ? { tracesEndpoint: traces } : {}),
    headers: {
      ...parseHeaders(env.OTEL_EXPORTER_OTLP_HEADERS),
      ...parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    },
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'aihub',
    batchDelayMs: Number.isFinite(delay) && delay > 0 ? delay : 5_000,
    propagateUpstream: env.AIHUB_TRACE_UPSTREAM?.trim().toLowerCase() === 'true',
  };
}

/** The URL spans are posted to: the traces endpoint as given, else the base endpoint's `/v1/traces`. */
export function tracesEndpoint(settings: TracingSettings): string {
  if (settings.tracesEndpoint) return settings.tracesEndpoint;
  return `${(settings.endpoint ?? '').replace(/\/+$/, '')}/v1/traces`;
}

/** `key=value` pairs, comma-separated, values percent-decoded (the specification's format). */
function parseHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim().toLowerCase();
    const value = pair.slice(at + 1).trim();
    if (key) headers[key] = safeDecode(value);
  }
  return headers;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const protocol = new URL(value).protocol;
  return protocol === 'http:' || protocol === 'https:';
}
