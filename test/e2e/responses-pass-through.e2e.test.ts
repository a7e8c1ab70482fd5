/**
 * OpenAI Responses on OpenAI itself is a pass-through: the official `openai` package's
 * `client.responses` against the real server, with two OpenAI channels (emulators A and B, which
 * answer `/v1/responses` in OpenAI's wire format) and a compatible vendor's channel (DeepSeek's
 * preset, on emulator B). It proves: the body reaches OpenAI untouched (unknown fields, a hosted
 * `web_search` tool, `openai-beta`); the answer comes back as OpenAI wrote it (fields AIHub never
 * writes survive; recorded answers: responses-pass-through-replay.e2e.test.ts); usage is billed to the unit;
 * `previous_response_id` continues from AIHub's store with the history written into `input`; a
 * compatible vendor still gets `/chat/completions`; a 429 or 500 before the first byte fails over;
 * a `response.failed` mid-stream reaches the client as OpenAI sent it.
 */
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getBuiltinCatalog } from '../../src/catalog/catalog.js';
import type { Fault } from '../emulators/types.js';
import { type FailoverGateway, logRow, startFailoverGateway } from './failover-harness.js';
import { ADMIN_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const MODEL = 'gpt-5';
const COMPAT_MODEL = 'deepseek-chat';
const KEY = 'test-key';

let env: FailoverGateway;
let openai: OpenAI;

beforeAll(async () => {
  env = await startFailoverGateway(
    (a, b) => [
      { name: 'oa-a', type: 'openai', base_url: a.url, key: KEY, models: [MODEL], priority: 10 },
      { name: 'oa-b', type: 'openai', base_url: b.url, key: KEY, models: [MODEL] },
      // A compatible vendor's preset on an upstream that would answer /responses: it must not be asked.
      { name: 'compat', type: 'deepseek', base_url: b.url, key: KEY, models: [COMPAT_MODEL] },
      // Only the file's channels serve DeepSeek's models.
    ],
    { DEEPSEEK_API_KEY: '' },
  );
  openai = new OpenAI({ apiKey: ADMIN_KEY, baseURL: env.gateway.baseURL, maxRetries: 0 });
});
afterAll(async () => env?.close());
beforeEach(() => {
  env.a.reset();
  env.b.reset();
  env.gateway.app.deps.routeHealth.reset();
});

// biome-ignore lint/suspicious/noExplicitAny: recorded and received JSON, read field by field
type Json = Record<string, any>;

function lastBody(emulator: typeof env.a): Json {
  return emulator.requests.at(-1)?.body as Json;
}

function messageText(response: Json): string {
  return (response.output as Json[])
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content as Json[])
    .map((part) => part.text ?? '')
    .join('');
}

function parseEvents(text: string): Array<{ event?: string; data: string }> {
  const events: Array<{ event?: string; data: string }> = [];
  const parser = createParser({ onEvent: (event) => events.push({ event: event.event, data: event.data }) });
  parser.feed(text);
  parser.feed('\n\n');
  return events;
}

async function postResponses(body: Json, headers: Record<string, string> = {}, key = ADMIN_KEY) {
  const response = await fetch(`${env.gateway.baseURL}/responses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('the request reaches OpenAI untouched, the answer comes back as OpenAI wrote it', () => {
  const sent = {
    model: MODEL,
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'What is in the news?' }] }],
    instructions: 'Be brief.',
    tools: [
      { type: 'web_search', search_context_size: 'low', user_location: { type: 'approximate', country: 'FR' } },
      { type: 'custom', name: 'apply_patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
    ],
    include: ['web_search_call.action.sources'],
    service_tier: 'flex',
    some_future_field: { nested: ['kept', 1] },
    store: false,
  };

  it('JSON: the exact body (unknown fields, hosted tools), openai-beta, the channel key; fields AIHub never writes survive', async () => {
    const response = await openai.responses.create(sent as never, {
      headers: { 'OpenAI-Beta': 'responses-future=v1', 'OpenAI-Organization': 'org-client' },
    });
    const request = env.a.requests.at(-1);
    expect(request?.path).toBe('/v1/responses');
    expect(request?.body).toEqual(sent);
    expect(request?.headers['openai-beta']).toBe('responses-future=v1');
    expect(request?.headers['openai-organization']).toBeUndefined();
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(env.b.requests).toHaveLength(0);

    const answer = response as unknown as Json;
    expect(answer.id).toMatch(/^resp_/);
    expect(answer.billing).toEqual({ payer: 'developer' });
    expect(answer.service_tier).toBe('default');
    expect(messageText(answer)).toBe('Hello from A emulator: What is in the news?');
  });

  it('stream: every event as OpenAI sent it, the final response with its upstream-only fields', async () => {
    const stream = await openai.responses.create({
      ...sent,
      stream: true,
    } as OpenAI.Responses.ResponseCreateParamsStreaming);
    const events: Json[] = [];
    for await (const event of stream) events.push(event as Json);
    expect(lastBody(env.a)).toEqual({ ...sent, stream: true });
    expect(events[0].type).toBe('response.created');
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_event, index) => index));
    const completed = events.at(-1) as Json;
    expect(completed.type).toBe('response.completed');
    expect(completed.response.billing).toEqual({ payer: 'developer' });
    expect(messageText(completed.response)).toBe('Hello from A emulator: What is in the news?');
  });
});

describe('usage is billed exactly, from the usage OpenAI reported', () => {
  const prices = getBuiltinCatalog().get('openai', MODEL)?.prices ?? {};
  const usage = { inputTokens: 12_345, cachedTokens: 2_000, outputTokens: 678, reasoningTokens: 300 };
  let user: Session;
  let key: { key: string; id: string };

  /** The list price in units, rounded once half up (prices per 1M tokens in 1e-6 USD). */
  function listPrice(): number {
    const price = (value: number | undefined) => BigInt(value ?? 0);
    const micro =
      BigInt(usage.inputTokens - usage.cachedTokens) * price(prices.input) +
      BigInt(usage.cachedTokens) * price(prices.cacheRead) +
      BigInt(usage.outputTokens) * price(prices.output);
    return Number((micro + 500_000n) / 1_000_000n);
  }

  beforeAll(async () => {
    user = await register(env.gateway, 'responses-pass-through@example.com');
    const topUp = await asAdmin(env.gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
      amount: 10_000_000,
      reason: 'pass-through billing test credit',
    });
    expect(topUp.status).toBe(200);
    key = await createKey(env.gateway, user);
  });

  it('has distinct input, cache-read and output prices for the model', () => {
    expect(prices.input).toBeGreaterThan(0);
    expect(prices.cacheRead).toBeLessThan(prices.input ?? 0);
    expect(prices.output).toBeGreaterThan(prices.input ?? 0);
  });

  it.each([false, true])('stream %s: the ledger charge and the log row match the reported usage', async (stream) => {
    env.a.enqueue({ usage });
    const reply = await postResponses({ model: MODEL, input: 'Bill me', stream, store: false }, {}, key.key);
    expect(reply.status).toBe(200);
    const requestId = reply.headers.get('x-request-id') as string;
    const expected = listPrice();
    const log = await waitForLog(env.gateway, user, requestId);
    expect(log).toMatchObject({
      cost: expected,
      promptTokens: usage.inputTokens,
      cachedTokens: usage.cachedTokens,
      completionTokens: usage.outputTokens,
    });
    const ledger = await asUser(env.gateway, user, 'GET', '/api/ledger');
    const charge = ledger.json.data.find((entry: { reference: string }) => entry.reference === requestId);
    expect(charge).toMatchObject({ kind: 'charge', amount: -expected });
  });
});

describe('previous_response_id continues from AIHub’s store, not OpenAI’s', () => {
  it('turn 2 sends the stored history in input, without previous_response_id; reasoning replays with its blob', async () => {
    const first = await openai.responses.create({
      model: MODEL,
      input: 'My name is Ada.',
      reasoning: { effort: 'low', summary: 'auto' },
    });
    // AIHub stores the answer, so it asked OpenAI for the reasoning's encrypted content.
    expect(lastBody(env.a).include).toEqual(['reasoning.encrypted_content']);
    expect(first.id).toMatch(/^resp_/);
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    expect(reasoning?.encrypted_content).toBeTruthy();

    // Stored under OpenAI's own id, for this caller.
    const stored = await openai.responses.retrieve(first.id);
    expect(stored.id).toBe(first.id);

    const second = await openai.responses
      .stream({ model: MODEL, previous_response_id: first.id, input: 'What is my name?', reasoning: { effort: 'low' } })
      .finalResponse();
    expect(messageText(second as unknown as Json)).toBe('Hello from A emulator: What is my name?');
    const body = lastBody(env.a);
    expect(body).not.toHaveProperty('previous_response_id');
    expect(body.input).toEqual([
      { role: 'user', content: 'My name is Ada.' },
      ...(first.output as unknown as Json[]).map(({ status: _status, ...item }) => item),
      { role: 'user', content: 'What is my name?' },
    ]);
    expect(body.input[1]).toMatchObject({ type: 'reasoning', encrypted_content: reasoning?.encrypted_content });

    // The streamed second answer was stored too (OpenAI's final object): a third turn continues from it.
    const storedSecond = (await openai.responses.retrieve(second.id)) as unknown as Json;
    expect(storedSecond.billing).toEqual({ payer: 'developer' });
    await openai.responses.create({ model: MODEL, previous_response_id: second.id, input: 'Thanks.', store: false });
    expect(lastBody(env.a).input).toEqual([
      ...body.input,
      ...(storedSecond.output as Json[]).map(({ status: _status, ...item }) => item),
      { role: 'user', content: 'Thanks.' },
    ]);
  });
});

describe('a compatible vendor serves Chat Completions only', () => {
  it('a Responses request for a DeepSeek-preset channel is translated to /chat/completions', async () => {
    const response = await openai.responses.create({ model: COMPAT_MODEL, input: 'Say hello', store: false });
    expect(env.b.requests.map((request) => request.path)).toEqual(['/v1/chat/completions']);
    expect(response.object).toBe('response');
    expect(response.output_text).toBe('Hello from B emulator: Say hello');
  });
});

describe('failover before the first byte, as for the other pass-throughs', () => {
  const faults: Array<[string, Fault]> = [
    ['429 with retry-after', { type: 'http-error', status: 429, retryAfterSeconds: 1 }],
    ['500', { type: 'http-error', status: 500, message: 'upstream broke' }],
  ];

  it.each(faults)('%s on the preferred channel: JSON and stream are answered by the other', async (_name, fault) => {
    env.a.enqueue({ fault });
    const response = await openai.responses.create({ model: MODEL, input: 'Say hello', store: false });
    expect(response.output_text).toBe('Hello from B emulator: Say hello');
    const requestId = (response as unknown as Json)._request_id as string | undefined;
    if (requestId) expect(await logRow(env.gateway, requestId)).toMatchObject({ status: 200, attempts: 2 });

    env.gateway.app.deps.routeHealth.reset();
    env.a.enqueue({ fault });
    const streamed = await openai.responses.stream({ model: MODEL, input: 'Say hello', store: false }).finalResponse();
    expect(messageText(streamed as unknown as Json)).toBe('Hello from B emulator: Say hello');
    expect(env.a.requests.map((request) => request.path)).toEqual(['/v1/responses', '/v1/responses']);
    expect(env.b.requests.map((request) => request.path)).toEqual(['/v1/responses', '/v1/responses']);
  });

  it('a 500 on the only channel reaches the client as an OpenAI error', async () => {
    env.a.setScript({ fault: { type: 'http-error', status: 500, message: 'upstream broke' } });
    env.b.setScript({ fault: { type: 'http-error', status: 500, message: 'upstream broke' } });
    const failure = await openai.responses.create({ model: MODEL, input: 'x', store: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBeGreaterThanOrEqual(500);
    expect(env.a.requests.length + env.b.requests.length).toBe(2);
  });
});

describe('a response.failed mid-stream is forwarded as OpenAI sent it', () => {
  it('the client gets the events, then OpenAI’s error and response.failed', async () => {
    env.a.enqueue({ fault: { type: 'in-band-error', afterChunks: 5, message: 'broke mid-way' } });
    const reply = await postResponses({ model: MODEL, input: 'Say hello', stream: true });
    expect(reply.status).toBe(200);
    const events = parseEvents(reply.text);
    const tail = events.slice(-2).map((event) => ({ event: event.event, data: JSON.parse(event.data) }));
    expect(tail).toEqual([
      {
        event: 'error',
        data: {
          type: 'error',
          sequence_number: 5,
          error: { type: 'server_error', code: 'server_error', message: 'broke mid-way', param: null },
        },
      },
      {
        event: 'response.failed',
        data: expect.objectContaining({
          type: 'response.failed',
          sequence_number: 6,
          response: expect.objectContaining({ status: 'failed' }),
        }),
      },
    ]);
    expect(events.some((event) => event.event === 'response.output_text.delta')).toBe(true);
    expect(env.b.requests).toHaveLength(0);

    // A connection OpenAI breaks after the start ends with AIHub's own error, in OpenAI's shape:
    // an `error` event then `response.failed`, the sequence continued.
    env.a.enqueue({ fault: { type: 'reset-mid-stream', afterChunks: 6 } });
    const broken = parseEvents((await postResponses({ model: MODEL, input: 'Say hello', stream: true })).text);
    const ending = broken.slice(-2).map((event) => ({ event: event.event, data: JSON.parse(event.data) }));
    expect(ending.map((event) => event.event)).toEqual(['error', 'response.failed']);
    expect(ending[0].data).toMatchObject({ type: 'error', sequence_number: 6, error: { message: expect.any(String) } });
    expect(ending[1].data).toMatchObject({
      sequence_number: 7,
      response: { id: expect.stringMatching(/^resp_/), status: 'failed', billing: { payer: 'developer' } },
    });

    // The SDK throws OpenAI's words.
    env.a.enqueue({ fault: { type: 'in-band-error', afterChunks: 5, message: 'broke mid-way' } });
    const stream = await openai.responses.create({ model: MODEL, input: 'Say hello', stream: true });
    await expect(
      (async () => {
        for await (const _event of stream) {
          // drain
        }
      })(),
    ).rejects.toThrow('broke mid-way');
  });
});
