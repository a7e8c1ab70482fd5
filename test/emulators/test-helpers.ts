/** Helpers for the emulator tests: HTTP calls over undici and SSE parsing with eventsource-parser. */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Agent, type Dispatcher, request } from 'undici';

export interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  opts: { signal?: AbortSignal; dispatcher?: Dispatcher } = {},
): Promise<Raw> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: opts.signal,
    dispatcher: opts.dispatcher,
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await request(url, { method: 'GET', headers });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

export function parseSse(text: string): EventSourceMessage[] {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e) });
  parser.feed(text);
  return events;
}

/** Streams a response, recording each chunk's arrival; resolves with chunks and the error that ended it, if any. */
export async function streamChunks(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  opts: { signal?: AbortSignal; dispatcher?: Dispatcher } = {},
): Promise<{ status: number; chunks: { at: number; text: string }[]; error?: Error & { code?: string } }> {
  const start = Date.now();
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: opts.signal,
    dispatcher: opts.dispatcher,
  });
  const chunks: { at: number; text: string }[] = [];
  const decoder = new TextDecoder();
  try {
    for await (const c of res.body)
      chunks.push({ at: Date.now() - start, text: decoder.decode(c as Buffer, { stream: true }) });
    return { status: res.statusCode, chunks };
  } catch (error) {
    return { status: res.statusCode, chunks, error: error as Error & { code?: string } };
  }
}

/** A fresh dispatcher without keep-alive reuse surprises between fault tests. */
export function freshAgent(): Agent {
  return new Agent({ pipelining: 0, keepAliveTimeout: 10 });
}

export const openaiHeaders = { authorization: 'Bearer test-key' };
export const anthropicHeaders = { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' };
export const geminiHeaders = { 'x-goog-api-key': 'test-key' };

export const weatherToolOpenAI = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};
