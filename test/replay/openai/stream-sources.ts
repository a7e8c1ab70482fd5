/** Every recorded Chat Completions stream the replay tests run through the decoder. */
import type { CompatQuirks, SseEvent } from '../../../src/providers/provider.js';
import {
  catalogRows,
  chunkLineEvents,
  compatFor,
  fixturesAvailable,
  isChatCompletions,
  listFixtures,
  loadCassette,
  readFixture,
  sseEvents,
} from './fixtures.js';

export interface StreamRecording {
  name: string;
  events: SseEvent[];
  compat?: CompatQuirks;
  /** vercel-ai chunk files have no `[DONE]`: the stream ends after the finish chunk. */
  hasDone: boolean;
}

export const PYDANTIC_CHAT_CASSETTE_DIRS = [
  'pydantic-ai/tests/models/cassettes/test_openai',
  'pydantic-ai/tests/models/cassettes/test_groq',
  'pydantic-ai/tests/models/cassettes/test_mistral',
  'pydantic-ai/tests/models/cassettes/test_openrouter',
];

export function rawSseRecordings(): StreamRecording[] {
  const files = [
    ...listFixtures('openai-python/inline-snapshot-external', '.sse'),
    ...listFixtures('openai-node/tests/lib/__snapshots__/extracted', '.sse'),
    'vercel-ai/openai-compatible/src/chat/__fixtures__/anthropic-fallback-tool-call.sse',
  ];
  return files.map((file) => ({ name: file, events: sseEvents(readFixture(file)), hasDone: true }));
}

/** vercel-ai chat `*.chunks.txt`, split where one file holds several recorded streams (cerebras). */
export function chunkRecordings(): StreamRecording[] {
  const rows = catalogRows().filter(
    (row) =>
      row.file.startsWith('vercel-ai/') &&
      row.api === 'chat' &&
      row.mode === 'stream' &&
      row.file.endsWith('.chunks.txt') &&
      !row.file.includes('/completion/'),
  );
  return rows.flatMap((row) =>
    splitStreams(chunkLineEvents(readFixture(row.file))).map((events, part, all) => ({
      name: all.length > 1 ? `${row.file} #${part + 1}` : row.file,
      events,
      compat: compatFor(row.provider),
      hasDone: false,
    })),
  );
}

export function cassetteStreamRecordings(): StreamRecording[] {
  const recordings: StreamRecording[] = [];
  for (const directory of PYDANTIC_CHAT_CASSETTE_DIRS) {
    for (const file of listFixtures(directory, '.yaml')) {
      loadCassette(file).forEach((interaction, position) => {
        const body = interaction.response.body?.string;
        if (!isChatCompletions(interaction) || typeof body !== 'string') return;
        if (!/^(data|:|event)/.test(body.trimStart())) return;
        recordings.push({
          name: `${file} [${position}]`,
          events: sseEvents(body),
          compat: compatFor(interaction.request.uri),
          hasDone: body.includes('[DONE]'),
        });
      });
    }
  }
  return recordings;
}

export function allStreamRecordings(): StreamRecording[] {
  // Loaded when a test file loads, so without ../shared there is nothing to read: the suite skips.
  if (!fixturesAvailable) return [];
  return [...rawSseRecordings(), ...chunkRecordings(), ...cassetteStreamRecordings()];
}

/** A new stream starts when the id changes after a chunk that carried a finish_reason. */
function splitStreams(events: SseEvent[]): SseEvent[][] {
  const streams: SseEvent[][] = [[]];
  let previousId: string | undefined;
  let finished = false;
  for (const event of events) {
    const chunk = JSON.parse(event.data) as { id?: string; choices?: Array<{ finish_reason?: string | null }> };
    if (finished && chunk.id !== previousId) {
      streams.push([]);
      finished = false;
    }
    streams[streams.length - 1].push(event);
    previousId = chunk.id;
    if (chunk.choices?.some((choice) => choice.finish_reason)) finished = true;
  }
  return streams;
}
