import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createParser } from 'eventsource-parser';
import { parse as parseYaml } from 'yaml';
import type { RecordedJson } from './summaries.js';

/**
 * Loads recorded Gemini traffic from `../shared/fixtures-raw` (beside the repository) into one
 * shape: per interaction, the request URI and body, the response status, and either one JSON body
 * or the list of streamed chunk payloads (the `data:` of each SSE event).
 */

import { FIXTURES_ROOT, fixturesAvailable as fixturesPresent } from '../../shared-fixtures.js';

export { describeWithFixtures, FIXTURES_ROOT } from '../../shared-fixtures.js';

export type RecordedResponse =
  | { kind: 'json'; body: unknown }
  /** Each element is one streamed chunk's JSON text. */
  | { kind: 'stream'; chunks: string[] };

export interface RecordedInteraction {
  uri: string;
  requestBody?: Record<string, unknown>;
  status: number;
  headers: Record<string, string>;
  response: RecordedResponse;
  /**
   * The response body's text as the API sent it, where the recording keeps it (pydantic-ai
   * cassettes): what a byte-level pass-through replay serves. Absent where only parsed bodies are kept.
   */
  responseText?: string;
}

export interface Recording {
  /** Path relative to the fixtures root. */
  file: string;
  interactions: RecordedInteraction[];
}

export const PYDANTIC_GOOGLE_DIR = 'pydantic-ai/tests/models/cassettes/test_google';
export const JS_GENAI_DIR = 'js-genai/test/system/recordings';
export const VERCEL_GOOGLE_DIR = 'vercel-ai/google/src/__fixtures__';
export const SIMONW_GEMINI_DIR = 'simonw-llm-gemini/tests/cassettes/test_gemini';

export function listFiles(directory: string, suffix: string): string[] {
  if (!fixturesPresent) return [];
  return readdirSync(join(FIXTURES_ROOT, directory))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => `${directory}/${name}`);
}

export function readFixture(file: string): string {
  return readFileSync(join(FIXTURES_ROOT, file), 'utf8');
}

/**
 * The recordings holding Gemini Developer API requests with their answers: pydantic-ai's Google
 * cassettes (its own folder, the tool-choice matrix and the thinking wire contract's Google cases)
 * and Google's js-genai SDK recordings. Empty without the fixtures.
 */
export function developerApiRecordings(): Recording[] {
  return [
    ...listFiles(PYDANTIC_GOOGLE_DIR, '.yaml').map(loadPydanticCassette),
    ...listFiles('pydantic-ai/tests/models/cassettes/test_tool_choice_matrix', '-google].yaml').map(
      loadPydanticCassette,
    ),
    ...listFiles('pydantic-ai/tests/cassettes/test_thinking_wire_contract', '.yaml')
      .filter((file) => file.includes('[google-'))
      .map(loadPydanticCassette),
    ...listFiles(JS_GENAI_DIR, '.json').map(loadJsGenaiRecording),
  ];
}

/** simonw/llm-gemini's cassettes of generated content (its embedding and model-list ones left out). */
export function simonwRecordings(): Recording[] {
  return listFiles(SIMONW_GEMINI_DIR, '.yaml')
    .filter((file) => !file.includes('embedding') && !file.includes('cli_gemini_models'))
    .map(loadSimonwCassette);
}

/** vercel-ai's recorded Gemini answers, whole and streamed (its 429 error body has its own test). */
export function vercelAnswerRecordings(): Recording[] {
  return [...listFiles(VERCEL_GOOGLE_DIR, '.chunks.txt'), ...listFiles(VERCEL_GOOGLE_DIR, '.json')]
    .filter((file) => !file.includes('429'))
    .map(loadVercelFixture);
}

/** Every recording with Gemini answers to decode: the Developer API ones, vercel-ai's and simonw's. */
export function answerRecordings(): Recording[] {
  return [...developerApiRecordings(), ...vercelAnswerRecordings(), ...simonwRecordings()];
}

/** Splits a raw SSE body (Gemini uses `\r\n\r\n` between events) into event payloads. */
export function splitSse(text: string): string[] {
  const events: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event.data) });
  parser.feed(text);
  parser.feed('\n\n');
  return events;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    out[key.toLowerCase()] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return out;
}

/** Bodies of non-API interactions (a downloaded PDF, an image) stay text. */
function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A pydantic-ai VCR cassette. `parsed_body` is the real request body; SSE bodies are raw text. */
export function loadPydanticCassette(file: string): Recording {
  const document = parseYaml(readFixture(file)) as { interactions: Array<Record<string, RecordedJson>> };
  const interactions = document.interactions.map((interaction): RecordedInteraction => {
    const { request, response } = interaction;
    const uri: string = request.uri;
    const text: string | undefined = response.body?.string;
    const recorded: RecordedResponse = uri.includes('alt=sse')
      ? { kind: 'stream', chunks: splitSse(text ?? '') }
      : { kind: 'json', body: text !== undefined ? parseJsonOrText(text) : response.parsed_body };
    const responseText =
      text ?? (response.parsed_body === undefined ? undefined : JSON.stringify(response.parsed_body));
    return {
      uri,
      requestBody: request.parsed_body,
      status: response.status.code,
      headers: lowerCaseHeaders(response.headers),
      response: recorded,
      ...(typeof responseText === 'string' ? { responseText } : {}),
    };
  });
  return { file, interactions };
}

/** A js-genai replay file: request and response `bodySegments` are parsed JSON (one per SSE event). */
export function loadJsGenaiRecording(file: string): Recording {
  const document = JSON.parse(readFixture(file)) as { interactions: Array<Record<string, RecordedJson>> };
  const interactions = document.interactions.map((interaction): RecordedInteraction => {
    const { request, response } = interaction;
    const segments: unknown[] = response.bodySegments ?? [];
    const stream = String(request.url).includes('alt=sse') && response.statusCode < 400;
    return {
      uri: `https://${request.serverAddress}${request.url}`,
      requestBody: request.bodySegments?.[0],
      status: response.statusCode,
      headers: lowerCaseHeaders(response.headers),
      response: stream
        ? { kind: 'stream', chunks: segments.map((segment) => JSON.stringify(segment)) }
        : { kind: 'json', body: segments[0] },
    };
  });
  return { file, interactions };
}

/** A vercel-ai fixture: `*.chunks.txt` holds one chunk payload per line, `*.json` a whole body. */
export function loadVercelFixture(file: string): Recording {
  const text = readFixture(file);
  const response: RecordedResponse = file.endsWith('.chunks.txt')
    ? { kind: 'stream', chunks: text.split('\n').filter((line) => line.trim() !== '') }
    : { kind: 'json', body: JSON.parse(text) };
  return { file, interactions: [{ uri: file, status: 200, headers: {}, response }] };
}

/**
 * A simonw/llm-gemini cassette: bodies are gzip in `!!binary`, and the stream is Gemini's other
 * framing (`streamGenerateContent` without `alt=sse`): one JSON array of chunks.
 */
export function loadSimonwCassette(file: string): Recording {
  const document = parseYaml(readFixture(file), { customTags: ['binary'] }) as {
    interactions: Array<Record<string, RecordedJson>>;
  };
  const interactions = document.interactions.map((interaction): RecordedInteraction => {
    const { request, response } = interaction;
    const raw = response.body.string;
    const text = raw instanceof Uint8Array ? gunzipSync(raw).toString('utf8') : String(raw);
    const uri: string = request.uri;
    const body = parseJsonOrText(text);
    return {
      uri,
      requestBody: typeof request.body === 'string' ? JSON.parse(request.body) : undefined,
      status: response.status.code,
      headers: lowerCaseHeaders(response.headers),
      response:
        uri.includes(':streamGenerateContent') && Array.isArray(body)
          ? { kind: 'stream', chunks: body.map((chunk) => JSON.stringify(chunk)) }
          : { kind: 'json', body },
    };
  });
  return { file, interactions };
}

/** Interactions that are answers of generateContent / streamGenerateContent (not countTokens, uploads...). */
export function isGenerateContent(interaction: RecordedInteraction): boolean {
  return /:(stream)?[gG]enerateContent\b/.test(interaction.uri) || interaction.uri.startsWith('vercel-ai/');
}

/** One successful generateContent / streamGenerateContent answer of the recordings, named for its test. */
export interface AnswerCase {
  name: string;
  file: string;
  interaction: RecordedInteraction;
}

/**
 * Every successful generateContent answer of answerRecordings(), but for, with reason:
 * server-side MCP recordings (`mcpServers`, which the IR cannot request) stream a finished
 * function-call step and then keep streaming the same candidate; a recorded empty stream is
 * covered by its own test (it must decode to an error).
 */
export function successfulAnswerCases(): AnswerCase[] {
  const excluded = (file: string, interaction: RecordedInteraction) =>
    file.includes('server_side_MCP') ||
    (interaction.response.kind === 'stream' && interaction.response.chunks.length === 0);
  return answerRecordings().flatMap((recording) =>
    recording.interactions
      .map((interaction, position) => ({ name: `${recording.file} #${position}`, file: recording.file, interaction }))
      .filter(({ interaction }) => isGenerateContent(interaction) && interaction.status === 200)
      .filter(({ file, interaction }) => !excluded(file, interaction)),
  );
}
