import {
  type Attributes,
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from '@opentelemetry/semantic-conventions/incubating';
import type { GatewayError } from '../ir/index.js';
import type { RequestEndpoint, RequestLogEntry } from '../logs/request-log-entry.js';
import type { PlannedAttempt } from '../relay/attempt-plan.js';
import type { RequestPhase, RequestSpan, RequestTracing } from '../relay/request-span.js';
import { sendTraceHeadersUnder } from '../upstream/trace-headers.js';
import { type TracingSettings, tracesEndpoint } from './tracing-settings.js';

/** GenAI semantic conventions' operation name for each endpoint AIHub logs. */
const OPERATION: Record<RequestEndpoint, string> = {
  generate: 'chat',
  count_tokens: 'count_tokens',
  embeddings: 'embeddings',
  images: 'image_generation',
  video: 'video_generation',
  midjourney: 'image_generation',
  speech: 'speech',
  transcription: 'transcription',
  rerank: 'rerank',
};

/** AIHub's vendor ids where the GenAI conventions name the provider otherwise. */
const PROVIDER_NAME: Record<string, string> = { gemini: 'gcp.gemini', mistral: 'mistral_ai', xai: 'x_ai' };

const headerGetter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/**
 * Request tracing over the official OpenTelemetry SDK, exported as OTLP over HTTP (JSON) in
 * batches. Only built when an OTLP endpoint is configured (tracing-settings.ts): otherwise the
 * relay holds no span and pays nothing. A client's `traceparent` is continued; the attempt's
 * context is sent upstream only where the operator allows it (AIHUB_TRACE_UPSTREAM), since it
 * tells the vendor which requests belong together. Spans carry the GenAI conventions' model,
 * provider, token and finish-reason attributes, never prompt or answer text.
 */
export function createRequestTracing(settings: TracingSettings, version: string): RequestTracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_VERSION]: version }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesEndpoint(settings), headers: settings.headers }), {
        scheduledDelayMillis: settings.batchDelayMs,
      }),
    ],
  });
  const tracer = provider.getTracer('aihub', version);
  const propagator = new W3CTraceContextPropagator();
  return {
    start(request) {
      const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
      const path = request.url.split('?')[0] ?? request.url;
      const span = tracer.startSpan(
        `${request.method} ${path}`,
        { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_PATH]: path } },
        parent,
      );
      const context = trace.setSpan(parent, span);
      return new OtelRequestSpan(span, context, tracer, settings.propagateUpstream ? propagator : undefined);
    },
    shutdown: () => provider.shutdown(),
  };
}

class OtelRequestSpan implements RequestSpan {
  constructor(
    private readonly span: Span,
    private readonly context: Context,
    private readonly tracer: Tracer,
    private readonly upstream: W3CTraceContextPropagator | undefined,
  ) {}

  phase(name: RequestPhase): (error?: unknown) => void {
    const span = this.tracer.startSpan(`aihub.${name}`, { kind: SpanKind.INTERNAL }, this.context);
    return (error) => {
      if (error !== undefined) failed(span, errorType(error), error);
      span.end();
    };
  }

  attempt(
    attempt: PlannedAttempt,
    details: { attemptNumber: number; endpoint: RequestEndpoint; signal: object },
  ): (outcome: string, status?: number) => void {
    const operation = OPERATION[details.endpoint];
    const attributes: Attributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: operation,
      [ATTR_GEN_AI_PROVIDER_NAME]: providerName(attempt.channel.vendor),
      [ATTR_GEN_AI_REQUEST_MODEL]: attempt.upstreamModel,
      'aihub.channel': attempt.channel.name,
      'aihub.attempt': details.attemptNumber,
    };
    const host = hostOf(attempt.channel.baseUrl);
    if (host) attributes[ATTR_SERVER_ADDRESS] = host;
    const span = this.tracer.startSpan(
      `${operation} ${attempt.upstreamModel}`,
      { kind: SpanKind.CLIENT, attributes },
      this.context,
    );
    if (this.upstream) {
      const headers: Record<string, string> = {};
      this.upstream.inject(trace.setSpan(this.context, span), headers, {
        set: (carrier, key, value) => {
          carrier[key] = value;
        },
      });
      sendTraceHeadersUnder(details.signal, headers);
    }
    return (outcome, status) => {
      if (status !== undefined) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (outcome !== 'ok') failed(span, outcome);
      span.end();
    };
  }

  end(entry: RequestLogEntry, error?: GatewayError): void {
    const span = this.span;
    const attributes: Attributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: OPERATION[entry.endpoint ?? 'generate'],
      [ATTR_HTTP_RESPONSE_STATUS_CODE]: entry.status,
      [ATTR_GEN_AI_REQUEST_STREAM]: entry.stream,
      [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: entry.promptTokens,
      [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: entry.completionTokens,
      'aihub.request_id': entry.id,
      'aihub.surface': entry.surface,
      'aihub.attempts': entry.attempts,
      'aihub.cached_response': entry.cachedResponse === true,
      // USD, as the request log charges it (units are millionths).
      'aihub.cost_usd': entry.cost / 1_000_000,
    };
    if (entry.modelRequested) attributes[ATTR_GEN_AI_REQUEST_MODEL] = entry.modelRequested;
    if (entry.modelServed) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = entry.modelServed;
    if (entry.provider) attributes[ATTR_GEN_AI_PROVIDER_NAME] = providerName(entry.provider);
    if (entry.channel) attributes['aihub.channel'] = entry.channel;
    if (entry.cachedTokens) attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = entry.cachedTokens;
    if (entry.cacheWriteTokens) attributes[ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] = entry.cacheWriteTokens;
    if (entry.reasoningTokens) attributes[ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = entry.reasoningTokens;
    if (entry.finishReason) attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = [entry.finishReason];
    if (entry.ttftMs !== null && entry.ttftMs !== undefined) {
      attributes[ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = entry.ttftMs / 1000;
    }
    span.setAttributes(attributes);
    if (error) failed(span, error.code ?? error.kind);
    span.end();
  }
}

/** Marks a span failed, with the error's class (and, for a thrown error, the exception event). */
function failed(span: Span, type: string, exception?: unknown): void {
  span.setAttribute(ATTR_ERROR_TYPE, type);
  span.setStatus({ code: SpanStatusCode.ERROR });
  if (exception instanceof Error) span.recordException(exception);
}

function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, kind } = error as { code?: unknown; kind?: unknown };
    if (typeof code === 'string') return code;
    if (typeof kind === 'string') return kind;
  }
  return error instanceof Error ? error.name : 'error';
}

function providerName(vendor: string): string {
  return PROVIDER_NAME[vendor] ?? vendor;
}

function hostOf(baseUrl: string): string | undefined {
  return URL.canParse(baseUrl) ? new URL(baseUrl).hostname : undefined;
}
