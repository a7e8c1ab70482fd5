import { describe, expect, it } from 'vitest';
import {
  chunkLineEvents,
  describeReplay,
  fixturesAvailable,
  listFixtures,
  readFixture,
  sseEvents,
} from '../../../test/replay/openai/fixtures.js';
import { spliceChunk } from './chunk-splicer.js';

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

describe('spliceChunk on what is not an OpenAI chunk', () => {
  const standard = '{"id":"chatcmpl-abc","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[]}';

  it.each([
    ['the end marker', '[DONE]'],
    ['another member order', '{"object":"chat.completion.chunk","id":"chatcmpl-abc","created":1,"choices":[]}'],
    ['another object', '{"id":"resp_1","object":"response","created_at":1}'],
    ['an id with an escaped quote', '{"id":"chat\\"cmpl","object":"chat.completion.chunk","created":1,"choices":[]}'],
    ['an id ending in a backslash', '{"id":"chatcmpl\\\\","object":"chat.completion.chunk","created":1,"choices":[]}'],
    ['data over two lines', '{"id":"chatcmpl-abc","object":"chat.completion.chunk",\n"created":1,"choices":[]}'],
    ['a truncated chunk', '{"id":"chatcmpl-abc","object":"chat.completion.chunk","created":1,"choices":['],
    ['a spaced chunk', '{"id": "chatcmpl-abc", "object": "chat.completion.chunk", "created": 1}'],
  ])('declines %s', (_name, data) => {
    expect(spliceChunk(data, ID_JSON, false)).toBeUndefined();
  });

  it('splices a standard chunk with an id of any length', () => {
    expect(spliceChunk(standard, '"x"', true)).toBe(
      'data: {"id":"x","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[]}\n\n',
    );
  });

  it('never touches "usage":null inside a string, and keeps valid JSON when a null usage sits in a choice', () => {
    const inText =
      '{"id":"c","object":"chat.completion.chunk","created":1,"choices":[{"index":0,"delta":{"content":"a,\\"usage\\":null}"}}]}';
    expect(parsedFrame(spliceChunk(inText, ID_JSON, false))).toEqual({ ...JSON.parse(inText), id: OUR_ID });

    const nested =
      '{"id":"c","object":"chat.completion.chunk","created":1,"choices":[{"index":0,"delta":{},"usage":null}],"usage":{"total_tokens":3}}';
    const frame = parsedFrame(spliceChunk(nested, ID_JSON, false));
    expect(frame.usage).toEqual({ total_tokens: 3 });
  });
});
