/**
 * Loads recorded Anthropic traffic from ../shared/fixtures-raw (beside the repository) into one
 * shape: the request body that was sent (when recorded), and the response status, headers and body
 * (SSE events, JSON, or text). The fixtures are read in place, never copied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createParser } from 'eventsource-parser';
import { parse as parseYaml } from 'yaml';
import type { SseEvent } from '../../../src/providers/provider.js';

import { FIXTURES_ROOT, fixturesAvailable } from '../../shared-fixtures.js';

export { describeWithFixtures, fixturesAvailable } from '../../shared-fixtures.js';
export const FIXTURES_DIR = FIXTURES_ROOT;

export type RecordedBody =
  | { kind: 'sse'; events: SseEvent[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string };

export interface RecordedExchange {
  /** Fixture path relative to FIXTURES_DIR, plus `#n` for the n-th exchange in a multi-exchange file. */
  name: string;
  requestBody?: Record<string, unknown>;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string | string[]>;
  body: RecordedBody;
}

export function fixturePath(relative: string): string {
  return path.join(FIXTURES_DIR, relative);
}

function readText(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8');
}

/** Frames raw SSE text with a real SSE parser (the last event may lack its blank line). */
export function sseEventsFromText(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (event) => events.push({ event: event.event, data: event.data }) });
  parser.feed(text);
  parser.feed('\n\n');
  return events;
}

/** Vercel `*.chunks.txt`: one event's JSON per line; the event name is the JSON `type`. */
export function sseEventsFromChunks(text: string): SseEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ event: (JSON.parse(line) as { type?: string }).type, data: line }));
}

function classifyBody(raw: unknown): RecordedBody {
  if (raw instanceof Uint8Array) {
    const bytes = Buffer.from(raw);
    const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    return classifyBody(text);
  }
  if (typeof raw !== 'string') return { kind: 'json', value: raw };
  const trimmed = raw.trimStart();
  if (trimmed.startsWith('event:') || trimmed.startsWith('data:'))
    return { kind: 'sse', events: sseEventsFromText(raw) };
  try {
    return { kind: 'json', value: JSON.parse(raw) };
  } catch {
    return { kind: 'text', text: raw };
  }
}

function lowerCaseHeaders(headers: unknown): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' || Array.isArray(value)) result[name.toLowerCase()] = value as string | string[];
  }
  return result;
}

function isMessagesCall(url: string): boolean {
  return url.includes('/v1/messages') && !url.includes('count_tokens');
}

function parseRequestBody(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw === 'string') return raw === '' ? undefined : (JSON.parse(raw) as Record<string, unknown>);
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : undefined;
}

interface VcrInteraction {
  request: { uri: string; body?: unknown; parsed_body?: unknown };
  response: { status: { code: number }; headers?: unknown; body?: { string?: unknown }; parsed_body?: unknown };
}

/** pydantic-ai and simonw/llm-anthropic VCR cassettes (gzip `!!binary` bodies included). */
export function loadVcrCassette(relative: string): RecordedExchange[] {
  const cassette = parseYaml(readText(relative), { customTags: ['binary'], maxAliasCount: -1 }) as {
    interactions: VcrInteraction[];
  };
  return cassette.interactions.flatMap((interaction, index): RecordedExchange[] => {
    const { request, response } = interaction;
    if (!request.uri.includes('api.anthropic.com') || !isMessagesCall(request.uri)) return [];
    return [
      {
        name: `${relative}#${index}`,
        requestBody: parseRequestBody(request.parsed_body ?? request.body),
        status: response.status.code,
        headers: lowerCaseHeaders(response.headers),
        body:
          'parsed_body' in response
            ? { kind: 'json', value: response.parsed_body }
            : classifyBody(response.body?.string),
      },
    ];
  });
}

/** anthropic-sdk-python `__inline_snapshot__` files: a list of {request, response}. */
export function loadSdkSnapshot(relative: string): RecordedExchange[] {
  const exchanges = JSON.parse(readText(relative)) as Array<{
    request: { url: string; body: unknown };
    response: { status_code: number; headers: unknown; body: unknown };
  }>;
  return exchanges.map((exchange, index) => ({
    name: `${relative}#${index}`,
    requestBody: parseRequestBody(exchange.request.body),
    status: exchange.response.status_code,
    headers: lowerCaseHeaders(exchange.response.headers),
    body: classifyBody(exchange.response.body),
  }));
}

/** anthropic-sdk-typescript nock fixtures: a list of {path, body, status, response, rawHeaders}. */
export function loadNockFixture(relative: string): RecordedExchange[] {
  const exchanges = JSON.parse(readText(relative)) as Array<{
    path: string;
    body: unknown;
    status: number;
    response: unknown;
    rawHeaders?: unknown;
  }>;
  return exchanges.map((exchange, index) => ({
    name: `${relative}#${index}`,
    requestBody: parseRequestBody(exchange.body),
    status: exchange.status,
    headers: lowerCaseHeaders(exchange.rawHeaders),
    body: classifyBody(exchange.response),
  }));
}

/**
 * A file of raw response bodies: SSE text, vercel chunks, or a JSON message. Vercel's multi-step
 * recordings hold several HTTP responses back to back; a `message_start` after a `message_stop`
 * begins the next one, so each becomes its own exchange (`name#n`).
 */
export function loadResponseFiles(relative: string): RecordedExchange[] {
  const text = readText(relative);
  if (!relative.endsWith('.chunks.txt'))
    return [{ name: relative, status: 200, headers: {}, body: classifyBody(text) }];
  const streams: SseEvent[][] = [[]];
  for (const event of sseEventsFromChunks(text)) {
    const current = streams[streams.length - 1];
    if (event.event === 'message_start' && current.some((earlier) => earlier.event === 'message_stop'))
      streams.push([event]);
    else current.push(event);
  }
  return streams.map((events, index) => ({
    name: streams.length === 1 ? relative : `${relative}#${index}`,
    status: 200,
    headers: {},
    body: { kind: 'sse', events },
  }));
}

function listFiles(directory: string, accept: (name: string) => boolean): string[] {
  const absolute = fixturePath(directory);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((name) => accept(name))
    .map((name) => path.join(directory, name))
    .sort();
}

const pai = 'pydantic-ai/tests/models/cassettes';

/** Every recorded Anthropic Messages exchange we know how to read. */
export function allAnthropicExchanges(): RecordedExchange[] {
  if (!fixturesAvailable) return [];
  const yaml = (name: string) => name.endsWith('.yaml');
  const cassettes = [
    ...listFiles(`${pai}/test_anthropic`, yaml),
    ...listFiles(`${pai}/test_anthropic_mid_conversation_system`, yaml),
    ...listFiles(`${pai}/test_tool_choice_matrix`, (name) => name.endsWith('-anthropic].yaml')),
    ...listFiles('pydantic-ai/tests/models/anthropic/cassettes', yaml),
    ...listFiles('pydantic-ai/tests/cassettes/test_tool_availability_portability', yaml),
    ...listFiles('simonw-llm-anthropic/tests/cassettes', yaml),
  ];
  const rawFiles = [
    ...listFiles('anthropic-sdk-python/tests/lib/streaming/fixtures', (name) => name.endsWith('.txt')),
    ...listFiles('anthropic-sdk-typescript/tests', (name) => name.endsWith('.txt') || name.endsWith('.sse')),
    ...listFiles(
      'vercel-ai/anthropic/src/__fixtures__',
      (name) => name.endsWith('.chunks.txt') || name.endsWith('.json'),
    ),
    'litellm/tests/test_litellm/integrations/rubrik_test_sample_data/anthropic_multiple_tool_call_response.json',
  ];
  return [
    ...cassettes.flatMap(loadVcrCassette),
    ...listFiles('anthropic-sdk-python/tests', (name) => name.endsWith('.json')).flatMap(loadSdkSnapshot),
    ...listFiles('anthropic-sdk-typescript/tests', (name) => name.endsWith('.json')).flatMap(loadNockFixture),
    ...rawFiles.flatMap(loadResponseFiles),
  ];
}

/** Exchanges of a given fixture file (all of them, in order). Fails loudly when the file is gone. */
export function exchangesOf(exchanges: RecordedExchange[], relative: string): RecordedExchange[] {
  const found = exchanges.filter((exchange) => exchange.name === relative || exchange.name.startsWith(`${relative}#`));
  if (found.length === 0) throw new Error(`fixture not loaded: ${relative}`);
  return found;
}
