import { expect, it } from 'vitest';
import {
  chunkLineEvents,
  describeReplay,
  fixturesAvailable,
  listFixtures,
  readFixture,
  sseEvents,
} from '../../../test/replay/openai/fixtures.js';
import { spliceChunk } from './chunk-splicer.js';

/* The splicer on recorded OpenAI traffic (../shared/fixtures-raw): skipped with a message where it is
 * absent, required in CI. Its behaviour on made-up input is in chunk-splicer.test.ts. */

const OUR_ID = 'chatcmpl-req_42';
const ID_JSON = JSON.stringify(OUR_ID);

/** Every chunk's data of OpenAI's own Chat Completions streams, recorded from the live API. */
function recordedChunks(): Array<{ file: string; data: string }> {
  if (!fixturesAvailable) return [];
  const raw = [
    ...listFixtures('openai-python/inline-snapshot-external', '.sse'),
    ...listFixtures('openai-node/tests/lib/__snapshots__/extracted', '.sse'),
  ].flatMap((file) => sseEvents(readFixture(file)).map((event) => ({ file, data: event.data })));
  const lines = chunkLineEvents(readFixture('vercel-ai/openai/src/chat/__fixtures__/openai-text.chunks.txt')).map(
    (event) => ({ file: 'openai-text.chunks.txt', data: event.data }),
  );
  return [...raw, ...lines].filter((chunk) => chunk.data !== '[DONE]');
}

/** The frame's JSON, read back the way a client reads it. */
function parsedFrame(frame: string | undefined): Record<string, unknown> {
  expect(frame).toMatch(/^data: \{.*\}\n\n$/s);
  return JSON.parse((frame as string).slice('data: '.length, -2));
}

describeReplay('spliceChunk on recorded OpenAI streams', () => {
  const chunks = recordedChunks();

  it('finds the recordings (2024 to 2026, with service_tier, obfuscation and usage: null)', () => {
    expect(chunks.length).toBeGreaterThan(300);
    expect(chunks.some((chunk) => chunk.data.includes('"obfuscation"'))).toBe(true);
    expect(chunks.some((chunk) => chunk.data.includes('"usage":null'))).toBe(true);
  });

  it('changes only the id: every other byte is OpenAI’s', () => {
    for (const { file, data } of chunks) {
      const upstreamId = (JSON.parse(data) as { id: string }).id;
      const frame = spliceChunk(data, ID_JSON, true);
      expect(frame, file).toBe(`data: ${data.replace(upstreamId, OUR_ID)}\n\n`);
      expect(parsedFrame(frame)).toEqual({ ...JSON.parse(data), id: OUR_ID });
    }
  });

  it('takes out the "usage": null a client that did not ask for usage would not have seen', () => {
    for (const { file, data } of chunks) {
      const upstream = JSON.parse(data) as Record<string, unknown>;
      const expected: Record<string, unknown> = { ...upstream, id: OUR_ID };
      if (upstream.usage === null) delete expected.usage;
      expect(parsedFrame(spliceChunk(data, ID_JSON, false)), file).toEqual(expected);
    }
  });

  it('leaves the usage chunk’s usage as OpenAI wrote it', () => {
    const usageChunk = chunks.find((chunk) => chunk.data.includes('"choices":[],"usage":{'));
    expect(usageChunk).toBeDefined();
    const frame = parsedFrame(spliceChunk(usageChunk?.data as string, ID_JSON, false));
    expect(frame.usage).toEqual((JSON.parse(usageChunk?.data as string) as { usage: unknown }).usage);
  });

  it('declines Azure’s chunks (members in another order, a blank first chunk)', () => {
    const azure = chunkLineEvents(
      readFixture('vercel-ai/openai/src/chat/__fixtures__/azure-model-router.1.chunks.txt'),
    );
    expect(azure.length).toBeGreaterThan(2);
    for (const { data } of azure) expect(spliceChunk(data, ID_JSON, true)).toBeUndefined();
  });
});
