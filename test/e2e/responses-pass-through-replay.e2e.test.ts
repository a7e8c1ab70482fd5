/**
 * Real recorded OpenAI Responses exchanges (pydantic-ai's cassettes in ../shared/fixtures-raw)
 * replayed through the real server on an OpenAI channel: each recorded request body is posted to
 * `/v1/responses`, the OpenAI emulator answers with the recorded response, and the pass-through
 * must hold both ways: the body reaches OpenAI as sent (the model aside, and the one field AIHub
 * adds for its store: see src/surfaces/responses/pass-through-body.ts), and the answer reaches the
 * client unchanged (JSON deep-equal; every stream event with the same name and the same data bytes).
 * vercel/ai's recorded answers (OpenAI-run tools: web search, code interpreter, MCP, shell...) are
 * served the same way. A file of its own: a clone without ../shared skips it whole.
 */
import path from 'node:path';
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type CassetteInteraction,
  cassetteHeaders,
  chunkLineEvents,
  listFixtures,
  loadCassette,
  readFixture,
} from '../replay/openai/fixtures.js';
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

const VERCEL_FOLDER = 'vercel-ai/openai/src/responses/__fixtures__';

/** vercel/ai's recorded answers as OpenAI sent them: whole objects, and event streams (`*.chunks.txt`, one event's data a line). */
function vercelAnswers(): Array<{ name: string; stream: boolean; text: string }> {
  if (!fixturesAvailable) return [];
  const objects = listFixtures(VERCEL_FOLDER, '.json').flatMap((file) => {
    const text = readFixture(file);
    return (JSON.parse(text) as Json).object === 'response' ? [{ name: file, stream: false, text }] : [];
  });
  const streams = listFixtures(VERCEL_FOLDER, '.chunks.txt').flatMap((file) => {
    try {
      const events = chunkLineEvents(readFixture(file)).map((event) => ({
        type: (JSON.parse(event.data) as Json).type as string,
        data: event.data,
      }));
      // A failure before any content is not passed through: the attempt fails over (faults test it).
      if (events.at(-1)?.type === 'response.failed') return [];
      return [{ name: file, stream: true, text: events.map((e) => `event: ${e.type}\ndata: ${e.data}\n\n`).join('') }];
    } catch {
      return []; // a hand-edited file whose lines are not one event each
    }
  });
  return [...objects, ...streams];
}

const recorded = exchanges();
const answers = vercelAnswers();
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
    expect(answers.filter((answer) => answer.stream).length).toBeGreaterThan(20);
    expect(answers.filter((answer) => !answer.stream).length).toBeGreaterThan(20);
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

  it.each(answers.map((answer) => [answer.name, answer] as const))('answer %s', async (_name, answer) => {
    gateway.openai.enqueue({
      fault: {
        type: 'raw',
        status: 200,
        headers: { 'content-type': answer.stream ? 'text/event-stream; charset=utf-8' : 'application/json' },
        chunks: [answer.text],
      },
    });
    const body = { model: MODEL, input: 'x', stream: answer.stream, store: false, tools: [{ type: 'web_search' }] };
    const response = await fetch(`${gateway.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBe(200);
    if (answer.stream) expect(parseEvents(text)).toEqual(parseEvents(answer.text));
    else expect(JSON.parse(text)).toEqual(JSON.parse(answer.text));
  });
});
