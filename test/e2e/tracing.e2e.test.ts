/**
 * OpenTelemetry traces, received by a local OTLP receiver: one server span per request that
 * continues the client's `traceparent`, child spans for admission, the hold, each upstream attempt
 * and settlement, GenAI attributes that agree with the request log, no prompt text, and the
 * attempt's context sent upstream only where the operator allows it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../emulators/otlp-receiver.js';
import { type Gateway, postJson, startGateway } from './gateway-harness.js';
import { asAdmin } from './platform-client.js';

const SECRET_PROMPT = 'the launch code is 7-alpha-7';

function clientTraceparent(): { header: string; traceId: string; parentId: string } {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { header: `00-${traceId}-${parentId}-01`, traceId, parentId };
}

async function logRow(gateway: Gateway, requestId: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const reply = await asAdmin(gateway, 'GET', `/api/logs/${requestId}`);
    if (reply.status === 200) return reply.json;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`log row ${requestId} never appeared`);
}

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

describe('request traces over OTLP', () => {
  let receiver: OtlpReceiver;
  let gateway: Gateway;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    gateway = await startGateway({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_SERVICE_NAME: 'aihub-under-test',
      AIHUB_TRACE_UPSTREAM: 'true',
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await receiver?.close();
  });

  it('continues the client trace with a span per phase and attempt, and sends the attempt upstream', async () => {
    const client = clientTraceparent();
    gateway.openai.reset();
    const response = await postJson(
      gateway,
      '/v1/chat/completions',
      { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: SECRET_PROMPT }] },
      { traceparent: client.header },
    );
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id') ?? '';
    const spans = await receiver.waitForTrace(client.traceId, 5);

    const root = spans.find((span) => span.kind === SERVER) as ReceivedSpan;
    expect(root).toBeDefined();
    expect(root.name).toBe('POST /v1/chat/completions');
    expect(root.parentSpanId).toBe(client.parentId);
    expect(root.resource['service.name']).toBe('aihub-under-test');

    const children = spans.filter((span) => span.parentSpanId === root.spanId);
    expect(children.map((span) => span.name).sort()).toEqual(
      ['aihub.admission', 'aihub.hold', 'aihub.settlement', 'chat gpt-4o-mini'].sort(),
    );
    const attempt = children.find((span) => span.kind === CLIENT) as ReceivedSpan;
    expect(attempt.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'http.response.status_code': 200,
      'aihub.attempt': 1,
      'server.address': '127.0.0.1',
    });

    // The figures are the request log's.
    const row = await logRow(gateway, requestId);
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.stream': true,
      'gen_ai.usage.input_tokens': row.promptTokens,
      'gen_ai.usage.output_tokens': row.completionTokens,
      'gen_ai.response.finish_reasons': [row.finishReason],
      'http.response.status_code': 200,
      'aihub.request_id': requestId,
    });
    expect(row.completionTokens).toBeGreaterThan(0);

    // The upstream saw the attempt as its parent.
    const upstream = gateway.openai.requests.at(-1);
    expect(upstream?.headers.traceparent).toBe(`00-${client.traceId}-${attempt.spanId}-01`);

    // Never the prompt.
    expect(JSON.stringify(spans)).not.toContain('launch code');
  });

  it('marks failed attempts and the failed request, each attempt a span of its own', async () => {
    gateway.openai.reset();
    gateway.openai.setScript({ fault: { type: 'http-error', status: 500 } });
    const client = clientTraceparent();
    const response = await postJson(
      gateway,
      '/v1/chat/completions',
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] },
      { traceparent: client.header },
    );
    gateway.openai.setScript(undefined);
    expect(response.status).toBeGreaterThanOrEqual(500);
    const row = await logRow(gateway, response.headers.get('x-request-id') ?? '');
    const spans = await receiver.waitForTrace(client.traceId, 3 + row.attempts);
    const root = spans.find((span) => span.kind === SERVER) as ReceivedSpan;
    expect(root.statusCode).toBe(ERROR);
    expect(root.attributes['error.type']).toBe(row.errorCode);
    const attempts = spans.filter((span) => span.kind === CLIENT);
    expect(attempts).toHaveLength(row.attempts);
    for (const attempt of attempts) {
      expect(attempt.parentSpanId).toBe(root.spanId);
      expect(attempt.statusCode).toBe(ERROR);
      expect(attempt.attributes['http.response.status_code']).toBe(500);
    }
    // Each attempt went upstream under its own span.
    const sent = gateway.openai.requests.map((request) => request.headers.traceparent);
    expect(new Set(sent).size).toBe(row.attempts);
    for (const attempt of attempts) expect(sent).toContain(`00-${client.traceId}-${attempt.spanId}-01`);
  });

  it('starts a new trace when the client sends none, and ignores a malformed traceparent', async () => {
    const before = receiver.spans.length;
    const response = await postJson(
      gateway,
      '/v1/chat/completions',
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
      { traceparent: '00-not-a-trace-01' },
    );
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    for (let i = 0; i < 200 && !receiver.spans.some((s) => s.attributes['aihub.request_id'] === requestId); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const root = receiver.spans.slice(before).find((span) => span.attributes['aihub.request_id'] === requestId);
    expect(root?.parentSpanId ?? 'missing').toBe('');
    expect(root?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('request traces without upstream propagation', () => {
  let receiver: OtlpReceiver;
  let gateway: Gateway;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    gateway = await startGateway({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '50' });
  });
  afterAll(async () => {
    await gateway?.close();
    await receiver?.close();
  });

  it('exports the spans but sends the upstream no trace context', async () => {
    const client = clientTraceparent();
    const response = await postJson(
      gateway,
      '/v1/chat/completions',
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
      { traceparent: client.header },
    );
    expect(response.status).toBe(200);
    await receiver.waitForTrace(client.traceId, 5);
    expect(gateway.openai.requests.at(-1)?.headers.traceparent).toBeUndefined();
  });
});
