/**
 * The Gemini surface's failures end to end, as @google/genai and raw HTTP see them: upstream 429 and
 * 5xx from every family (an ApiError with the status, Google's envelope, RetryInfo), an error after
 * HTTP 200 inside the stream, bad keys in each of the three places, bad bodies naming the field,
 * and the JSON-array stream framing holding the same chunks as `alt=sse`.
 */
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulators/types.js';
import { ADMIN_KEY, type Gateway, sseData, startGateway } from './gateway-harness.js';

let gateway: Gateway;
let google: GoogleGenAI;

beforeAll(async () => {
  gateway = await startGateway();
  google = new GoogleGenAI({ apiKey: ADMIN_KEY, httpOptions: { baseUrl: gateway.origin } });
});
afterAll(async () => gateway?.close());
beforeEach(() => {
  for (const emulator of [gateway.openai, gateway.anthropic, gateway.gemini, gateway.deepseek]) emulator.reset();
});

interface Family {
  family: string;
  model: string;
  upstream: () => Emulator;
  /** A 5xx the vendor really sends, and the status the client then sees. */
  serverError: { upstreamStatus: number; clientStatus: number; googleStatus: string };
  /** Frames the upstream sends before the in-band error, enough that the client already has 200. */
  framesBeforeError: number;
}

const FAMILIES: Family[] = [
  {
    family: 'Gemini (pass-through)',
    model: 'gemini-2.5-flash-lite',
    upstream: () => gateway.gemini,
    serverError: { upstreamStatus: 503, clientStatus: 503, googleStatus: 'UNAVAILABLE' },
    framesBeforeError: 2,
  },
  {
    family: 'OpenAI',
    model: 'gpt-4.1-mini',
    upstream: () => gateway.openai,
    serverError: { upstreamStatus: 500, clientStatus: 502, googleStatus: 'INTERNAL' },
    framesBeforeError: 2,
  },
  {
    family: 'Anthropic',
    model: 'claude-sonnet-4-5',
    upstream: () => gateway.anthropic,
    // Anthropic's overload is 529, which is our 503.
    serverError: { upstreamStatus: 529, clientStatus: 503, googleStatus: 'UNAVAILABLE' },
    // message_start, content_block_start, ping, then text: the error comes after real text.
    framesBeforeError: 5,
  },
  {
    family: 'DeepSeek (OpenAI-compatible)',
    model: 'deepseek-chat',
    upstream: () => gateway.deepseek,
    serverError: { upstreamStatus: 500, clientStatus: 502, googleStatus: 'INTERNAL' },
    framesBeforeError: 2,
  },
];

const ask = { contents: [{ role: 'user', parts: [{ text: 'Tell me a story' }] }] };

function post(path: string, body: unknown, headers: Record<string, string> = { 'x-goog-api-key': ADMIN_KEY }) {
  return fetch(`${gateway.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function thrown(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe.each(FAMILIES)('upstream failures → $family', ({ model, upstream, serverError, framesBeforeError }) => {
  it('a 429 with a retry-after is an ApiError 429 RESOURCE_EXHAUSTED carrying the wait', async () => {
    upstream().enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 7 } });
    const error = await thrown(google.models.generateContent({ model, contents: 'hello' }));
    expect(error.status).toBe(429);
    const body = JSON.parse(error.message);
    expect(body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(body.error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '7s',
    });

    upstream().enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 7 } });
    const raw = await post(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, ask);
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('7');
  });

  it(`an upstream ${serverError.upstreamStatus} is an ApiError ${serverError.clientStatus}, JSON and streamed`, async () => {
    upstream().enqueue({ fault: { type: 'http-error', status: serverError.upstreamStatus } });
    const error = await thrown(google.models.generateContent({ model, contents: 'hello' }));
    expect(error.status).toBe(serverError.clientStatus);
    expect(JSON.parse(error.message).error.status).toBe(serverError.googleStatus);

    upstream().enqueue({ fault: { type: 'http-error', status: serverError.upstreamStatus } });
    const streamError = await thrown(
      (async () => {
        for await (const _chunk of await google.models.generateContentStream({ model, contents: 'hello' })) {
          // nothing arrives before the error
        }
      })(),
    );
    expect(streamError.status).toBe(serverError.clientStatus);
  });

  it('an error after HTTP 200 ends the stream with an error event the SDK throws', async () => {
    upstream().enqueue({ fault: { type: 'in-band-error', afterChunks: framesBeforeError } });
    const received: string[] = [];
    const error = await thrown(
      (async () => {
        for await (const chunk of await google.models.generateContentStream({ model, contents: 'hello there' })) {
          received.push(chunk.text ?? '');
        }
      })(),
    );
    expect(received.join('').length).toBeGreaterThan(0);
    expect(error.status).toBeGreaterThanOrEqual(500);

    upstream().enqueue({ fault: { type: 'in-band-error', afterChunks: framesBeforeError } });
    const raw = await post(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, ask);
    expect(raw.status).toBe(200);
    const events = sseData((await raw.text()).replaceAll('\r\n', '\n'));
    expect(events.at(-1)).toMatchObject({ error: { code: expect.any(Number), status: expect.any(String) } });
    expect(events.slice(0, -1).every((event) => event.candidates)).toBe(true);
  });

  it('an error after HTTP 200 in the JSON-array framing is the array’s last element, and the array still parses', async () => {
    upstream().enqueue({ fault: { type: 'in-band-error', afterChunks: framesBeforeError } });
    const response = await post(`/v1beta/models/${model}:streamGenerateContent`, ask);
    expect(response.status).toBe(200);
    const chunks = JSON.parse(await response.text()) as Array<Record<string, unknown>>;
    expect(chunks.at(-1)).toMatchObject({ error: { code: expect.any(Number), status: expect.any(String) } });
    expect(chunks.slice(0, -1).every((chunk) => chunk.candidates)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('the JSON-array stream (no alt=sse) is one JSON array holding the same chunks as SSE', async () => {
    const sse = await post(`/v1beta/models/${model}:streamGenerateContent?alt=sse`, ask);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const sseChunks = sseData((await sse.text()).replaceAll('\r\n', '\n'));
    const array = await post(`/v1beta/models/${model}:streamGenerateContent`, ask);
    expect(array.status).toBe(200);
    expect(array.headers.get('content-type')).toMatch(/^application\/json/);
    const arrayText = await array.text();
    expect(arrayText.trimStart().startsWith('[')).toBe(true);
    const arrayChunks = JSON.parse(arrayText) as unknown[];
    expect(Array.isArray(arrayChunks)).toBe(true);
    // Ids differ between two answers; everything else is the same.
    const withoutIds = (chunks: unknown[]) =>
      chunks.map((chunk) => {
        const { responseId: _id, createTime: _time, ...rest } = chunk as Record<string, unknown>;
        return rest;
      });
    expect(withoutIds(arrayChunks)).toEqual(withoutIds(sseChunks));
    expect(arrayChunks.length).toBeGreaterThan(1);
  });
});

describe('keys and bad input, in Google’s envelope', () => {
  const path = '/v1beta/models/gemini-2.5-flash-lite:generateContent';

  it.each([
    ['x-goog-api-key', { 'x-goog-api-key': 'sk-wrong' }, ''],
    ['?key=', {}, '?key=sk-wrong'],
    ['Bearer', { authorization: 'Bearer sk-wrong' }, ''],
  ])('a wrong key in %s is 401 UNAUTHENTICATED, and nothing reaches the upstream', async (_where, headers, query) => {
    const response = await post(`${path}${query}`, ask, headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    expect(gateway.gemini.requestCount).toBe(0);
  });

  it('the right key works in each of the three places', async () => {
    for (const [headers, query] of [
      [{ 'x-goog-api-key': ADMIN_KEY }, ''],
      [{}, `?key=${ADMIN_KEY}`],
      [{ authorization: `Bearer ${ADMIN_KEY}` }, ''],
    ] as const) {
      expect((await post(`${path}${query}`, ask, headers)).status).toBe(200);
    }
  });

  it('a missing key tells a Gemini client where to put it; the SDK sees an ApiError 401', async () => {
    const response = await post(path, ask, {});
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { message: string; status: string } };
    expect(body.error.status).toBe('UNAUTHENTICATED');
    expect(body.error.message).toContain('x-goog-api-key');
    const wrong = new GoogleGenAI({ apiKey: 'sk-wrong', httpOptions: { baseUrl: gateway.origin } });
    const error = await thrown(wrong.models.generateContent({ model: 'gpt-4.1-mini', contents: 'hello' }));
    expect(error.status).toBe(401);
  });

  it.each([
    ['not JSON', '{"contents": [', undefined],
    ['an array body', '[]', undefined],
    ['contents a number', { contents: 5 }, 'contents'],
    ['a part that is a number', { contents: [{ role: 'user', parts: [7] }] }, 'contents[0].parts[0]'],
    [
      'functionCall a string',
      { contents: [{ role: 'user', parts: [{ functionCall: 'x' }] }] },
      'contents[0].parts[0].function_call',
    ],
    ['temperature a word', { ...ask, generationConfig: { temperature: 'hot' } }, 'generation_config.temperature'],
    [
      '__proto__ as a part key',
      JSON.parse('{"contents":[{"role":"user","parts":[{"__proto__":{"text":"x"}}]}]}'),
      undefined,
    ],
  ])('%s is 400 INVALID_ARGUMENT in Google’s envelope', async (_name, body, field) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    const envelope = (await response.json()) as {
      error: {
        code: number;
        status: string;
        message: string;
        details?: Array<{ fieldViolations?: Array<{ field: string }> }>;
      };
    };
    expect(envelope.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(envelope.error.message).not.toContain('OpenAI');
    if (field) {
      const violation = envelope.error.details?.flatMap((detail) => detail.fieldViolations ?? [])[0];
      expect(violation?.field).toBe(field);
    }
    expect(gateway.gemini.requestCount).toBe(0);
  });

  it('an unknown model is 404 NOT_FOUND through the SDK', async () => {
    const error = await thrown(google.models.generateContent({ model: 'no-such-model', contents: 'hello' }));
    expect(error.status).toBe(404);
    expect(JSON.parse(error.message).error.status).toBe('NOT_FOUND');
  });
});
