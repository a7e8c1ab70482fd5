/**
 * Real recorded Anthropic exchanges (pydantic-ai and simonw/llm-anthropic cassettes in
 * ../shared/fixtures-raw) replayed through the real server on a Claude channel: each recorded
 * request body is posted to `/v1/messages`, the Anthropic emulator answers with the recorded
 * response, and the pass-through must hold both ways: the body reaches Anthropic as sent (the
 * model aside), and the answer reaches the client unchanged (JSON deep-equal; every stream event
 * with the same name and the same data bytes).
 */
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allAnthropicExchanges, type RecordedExchange } from '../replay/anthropic/fixtures.js';
import { describeWithFixtures, fixturesAvailable } from '../shared-fixtures.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

const MODEL = 'claude-sonnet-4-5';

/** Successful recorded exchanges whose request body a real client sent (cassettes carry both). */
const exchanges: RecordedExchange[] = fixturesAvailable
  ? allAnthropicExchanges().filter(
      (exchange) =>
        exchange.requestBody !== undefined &&
        exchange.status === 200 &&
        (exchange.name.startsWith('pydantic-ai/') || exchange.name.startsWith('simonw-llm-anthropic/')) &&
        (exchange.body.kind === 'json' || exchange.body.kind === 'sse'),
    )
  : [];

let gateway: Gateway;

function recordedBytes(exchange: RecordedExchange): string {
  if (exchange.body.kind === 'sse')
    return exchange.body.events.map((event) => `event: ${event.event ?? 'message'}\ndata: ${event.data}\n\n`).join('');
  if (exchange.body.kind === 'json') return JSON.stringify(exchange.body.value);
  return '';
}

function parseEvents(text: string): Array<{ event?: string; data: string }> {
  const events: Array<{ event?: string; data: string }> = [];
  const parser = createParser({ onEvent: (event) => events.push({ event: event.event, data: event.data }) });
  parser.feed(text);
  parser.feed('\n\n');
  return events;
}

describeWithFixtures('recorded Anthropic traffic passes through /v1/messages unchanged', () => {
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => gateway?.close());

  it('has recordings to replay', () => {
    expect(exchanges.length).toBeGreaterThan(50);
    expect(exchanges.some((exchange) => exchange.body.kind === 'sse')).toBe(true);
  });

  it.each(exchanges.map((exchange) => [exchange.name, exchange] as const))('%s', async (_name, exchange) => {
    const stream = exchange.body.kind === 'sse';
    gateway.anthropic.enqueue({
      fault: {
        type: 'raw',
        status: 200,
        headers: { 'content-type': stream ? 'text/event-stream; charset=utf-8' : 'application/json' },
        chunks: [recordedBytes(exchange)],
      },
    });
    const body = { ...exchange.requestBody, model: MODEL };
    const response = await fetch(`${gateway.origin}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': ADMIN_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBe(200);
    expect(response.headers.get('request-id')).toBeTruthy();

    const received = gateway.anthropic.requests.at(-1)?.body;
    expect(received).toEqual(body);

    if (exchange.body.kind === 'json') expect(JSON.parse(text)).toEqual(exchange.body.value);
    else expect(parseEvents(text)).toEqual(exchange.body.kind === 'sse' ? exchange.body.events : []);
  });
});
