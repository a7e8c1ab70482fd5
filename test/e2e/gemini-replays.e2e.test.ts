/**
 * Real recorded Gemini traffic replayed through a real AIHub on a Gemini channel: each recorded
 * request is posted to the gateway, the Gemini emulator answers with the recorded response, and the
 * pass-through must deliver it unchanged (the same JSON, or the same SSE events in order) while the
 * upstream receives the request body as the client wrote it.
 * Sources: pydantic-ai's test_google cassettes (raw bodies) and @google/genai's own recordings
 * (Gemini Developer API entries; Vertex ones use another URL scheme).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeWithFixtures, FIXTURES_ROOT, fixturesAvailable } from '../shared-fixtures.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

interface Replay {
  name: string;
  /** `/v1beta/models/…:generateContent` or `…:streamGenerateContent?alt=sse` */
  path: string;
  body: unknown;
  stream: boolean;
  /** The recorded response body, byte for byte as the API sent it. */
  responseText: string;
}

const GENERATE_PATH = /\/v1beta\/models\/[^/:?]+:(generateContent|streamGenerateContent)(\?alt=sse)?$/;

function pydanticReplays(): Replay[] {
  const folder = path.join(FIXTURES_ROOT, 'pydantic-ai/tests/models/cassettes/test_google');
  const replays: Replay[] = [];
  for (const file of readdirSync(folder).sort()) {
    const cassette = parse(readFileSync(path.join(folder, file), 'utf8')) as {
      interactions?: Array<{
        request: { uri: string; parsed_body?: unknown };
        /** Either the raw body, or (JSON answers) the body parsed. */
        response: { status: { code: number }; body?: { string?: unknown }; parsed_body?: unknown };
      }>;
    };
    cassette.interactions?.forEach((interaction, index) => {
      const url = new URL(interaction.request.uri);
      const requestPath = `${url.pathname}${url.search}`;
      const { body, parsed_body: parsedBody } = interaction.response;
      const text = body?.string ?? (parsedBody === undefined ? undefined : JSON.stringify(parsedBody));
      if (!GENERATE_PATH.test(requestPath) || interaction.response.status.code !== 200) return;
      if (typeof text !== 'string' || interaction.request.parsed_body === undefined) return;
      replays.push({
        name: `pydantic-ai ${file} #${index}`,
        path: requestPath,
        body: interaction.request.parsed_body,
        stream: requestPath.includes('alt=sse'),
        responseText: text,
      });
    });
  }
  return replays;
}

function genaiReplays(): Replay[] {
  const folder = path.join(FIXTURES_ROOT, 'js-genai/test/system/recordings');
  const replays: Replay[] = [];
  for (const file of readdirSync(folder).sort()) {
    if (/Vertex/.test(file)) continue;
    const recording = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as {
      interactions?: Array<{
        request: { url: string; bodySegments?: unknown[] };
        response: { statusCode: number; bodySegments?: unknown[] };
      }>;
    };
    recording.interactions?.forEach((interaction, index) => {
      const requestPath = interaction.request.url;
      const segments = interaction.response.bodySegments ?? [];
      if (!GENERATE_PATH.test(requestPath) || interaction.response.statusCode !== 200) return;
      if (interaction.request.bodySegments?.length !== 1 || segments.length === 0) return;
      const stream = requestPath.includes('alt=sse');
      replays.push({
        name: `js-genai ${file} #${index}`,
        path: requestPath,
        body: interaction.request.bodySegments[0],
        stream,
        // The recording keeps parsed events; the API frames each as `data: …` with CRLF pairs.
        responseText: stream
          ? segments.map((segment) => `data: ${JSON.stringify(segment)}\r\n\r\n`).join('')
          : JSON.stringify(segments[0]),
      });
    });
  }
  return replays;
}

/** The `data:` payloads of an SSE body, parsed; either line ending. */
function sseEvents(text: string): unknown[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((frame) =>
      frame
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    )
    .filter(Boolean)
    .map((data) => JSON.parse(data));
}

const replays = fixturesAvailable ? [...pydanticReplays(), ...genaiReplays()] : [];

let gateway: Gateway;

describeWithFixtures('recorded Gemini traffic through the pass-through', () => {
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => gateway?.close());
  beforeEach(() => gateway.gemini.reset());

  it('found enough recordings to mean something', () => {
    expect(replays.filter((replay) => replay.stream).length).toBeGreaterThan(10);
    expect(replays.filter((replay) => !replay.stream).length).toBeGreaterThan(10);
  });

  it.each(replays.map((replay) => [replay.name, replay] as const))('%s', async (_name, replay) => {
    gateway.gemini.enqueue({
      fault: {
        type: 'raw',
        status: 200,
        headers: { 'content-type': replay.stream ? 'text/event-stream' : 'application/json; charset=UTF-8' },
        chunks: [replay.responseText],
      },
    });
    const response = await fetch(`${gateway.origin}${replay.path}`, {
      method: 'POST',
      headers: { 'x-goog-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(replay.body),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    if (replay.stream) expect(sseEvents(text)).toEqual(sseEvents(replay.responseText));
    else expect(JSON.parse(text)).toEqual(JSON.parse(replay.responseText));
    // The upstream got the client's body: same JSON, on the same route.
    const upstream = gateway.gemini.requests.at(-1);
    expect(upstream?.body).toEqual(replay.body);
    expect(upstream?.path).toBe(replay.path.split('?')[0]);
  });
});
