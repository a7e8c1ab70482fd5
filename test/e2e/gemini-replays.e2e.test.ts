/**
 * Real recorded Gemini traffic replayed through a real AIHub on a Gemini channel: each recorded
 * request is posted to the gateway, the Gemini emulator answers with the recorded response, and the
 * pass-through must deliver it unchanged (the same JSON, or the same SSE events in order) while the
 * upstream receives the request body as the client wrote it.
 * Sources: pydantic-ai's test_google cassettes (raw bodies) and @google/genai's own recordings
 * (Gemini Developer API entries; Vertex ones use another URL scheme).
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  describeWithFixtures,
  JS_GENAI_DIR,
  listFiles,
  loadJsGenaiRecording,
  loadPydanticCassette,
  PYDANTIC_GOOGLE_DIR,
  type RecordedInteraction,
  type Recording,
} from '../replay/gemini/fixtures.js';
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

/** What the API sent: the recorded text, or (js-genai keeps parsed events) those events in its framing. */
function sentText(interaction: RecordedInteraction): string | undefined {
  if (interaction.responseText !== undefined) return interaction.responseText;
  const { response } = interaction;
  if (response.kind === 'json') return response.body === undefined ? undefined : JSON.stringify(response.body);
  if (response.chunks.length === 0) return undefined;
  return response.chunks.map((chunk) => `data: ${chunk}\r\n\r\n`).join('');
}

/** A recording's successful generateContent calls, with a request body and an answer to serve. */
function replaysOf(source: string, recording: Recording): Replay[] {
  return recording.interactions.flatMap((interaction, index): Replay[] => {
    const url = new URL(interaction.uri);
    const requestPath = `${url.pathname}${url.search}`;
    const responseText = sentText(interaction);
    if (!GENERATE_PATH.test(requestPath) || interaction.status !== 200) return [];
    if (responseText === undefined || interaction.requestBody === undefined) return [];
    return [
      {
        name: `${source} ${path.basename(recording.file)} #${index}`,
        path: requestPath,
        body: interaction.requestBody,
        stream: requestPath.includes('alt=sse'),
        responseText,
      },
    ];
  });
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

// Vertex recordings use another URL scheme.
const replays = [
  ...listFiles(PYDANTIC_GOOGLE_DIR, '.yaml').flatMap((file) => replaysOf('pydantic-ai', loadPydanticCassette(file))),
  ...listFiles(JS_GENAI_DIR, '.json')
    .filter((file) => !/Vertex/.test(path.basename(file)))
    .flatMap((file) => replaysOf('js-genai', loadJsGenaiRecording(file))),
];

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
