/**
 * Real recorded OpenAI Responses exchanges (pydantic-ai's cassettes in ../shared/fixtures-raw)
 * replayed through the real server on an OpenAI channel: each recorded request body is posted to
 * `/v1/responses`, the OpenAI emulator answers with the recorded response, and the pass-through
 * must hold both ways: the body reaches OpenAI as sent (the model aside, and the one field AIHub
 * adds for its store: see src/surfaces/responses/pass-through-body.ts), and the answer reaches the
 * client unchanged (JSON deep-equal; every stream event with the same name and the same data bytes).
 */
import path from 'node:path';
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CassetteInteraction, cassetteHeaders, listFixtures, loadCassette } from '../replay/openai/fixtures.js';
import { describeWithFixtures, fixturesAvailable } from '../shared-fixtures.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

const MODEL = 'gpt-4.1-mini';
const FOLDER = 'pydantic-ai/tests/models/cassettes/test_openai_responses';

type Json = Record<string, unknown>;
interface Exchange {
  name: string;
  body: Json;
  stream: boolean;
  contentType: string;
  text: string;
}

/**
 * Successful recorded `/responses` calls a client made on its own: those continuing OpenAI's
 * store (`previous_response_id`, `background` polling) name state only OpenAI holds.
 */
function exchanges(): Exchange[] {
  if (!fixturesAvailable) return [];
  return listFixtures(FOLDER, '.yaml').flatMap((file) =>
    loadCassette(file).flatMap((interaction: CassetteInteraction, index): Exchange[] => {
      const body = interaction.request.parsed_body as Json | undefined;
      const parsed = interaction.response.parsed_body;
      const text = interaction.response.body?.string ?? (parsed === undefined ? undefined : JSON.stringify(parsed));
      if (!interaction.request.uri.endsWith('/responses') || !body || typeof text !== 'string') return [];
      if (interaction.response.status.code !== 200 || body.previous_response_id || body.background) return [];
      const contentType = cassetteHeaders(interaction)['content-type'] ?? 'application/json';
      return [{ name: `${path.basename(file)}#${index}`, body, stream: body.stream === true, contentType, text }];
    }),
  );
}

const recorded = exchanges();
let gateway: Gateway;

function parseEvents(text: string): Array<{ event?: string; data: string }> {
  const events: Array<{ event?: string; data: string }> = [];
  const parser = createParser({ onEvent: (event) => events.push({ event: event.event, data: event.data }) });
  parser.feed(text);
  parser.feed('\n\n');
  return events;
}

/** What OpenAI must receive: the body as sent, plus the reasoning blob AIHub asks for when it stores the answer. */
function expectedUpstreamBody(body: Json): Json {
  const stored = body.store !== false;
  const reasoning = body.reasoning !== null && typeof body.reasoning === 'object';
  const include = Array.isArray(body.include) ? body.include : [];
  if (!stored || !reasoning || include.includes('reasoning.encrypted_content')) return body;
  return { ...body, include: [...include, 'reasoning.encrypted_content'] };
}

describeWithFixtures('recorded OpenAI Responses traffic passes through /v1/responses unchanged', () => {
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => gateway?.close());

  it('has recordings to replay, JSON and streamed', () => {
    expect(recorded.length).toBeGreaterThan(60);
    expect(recorded.some((exchange) => exchange.stream)).toBe(true);
  });

  it.each(recorded.map((exchange) => [exchange.name, exchange] as const))('%s', async (_name, exchange) => {
    gateway.openai.enqueue({
      fault: { type: 'raw', status: 200, headers: { 'content-type': exchange.contentType }, chunks: [exchange.text] },
    });
    const body = { ...exchange.body, model: MODEL };
    const response = await fetch(`${gateway.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBe(200);
    const received = gateway.openai.requests.at(-1);
    expect(received?.path).toBe('/v1/responses');
    expect(received?.body).toEqual(expectedUpstreamBody(body));
    if (exchange.stream) expect(parseEvents(text)).toEqual(parseEvents(exchange.text));
    else expect(JSON.parse(text)).toEqual(JSON.parse(exchange.text));
  });
});
