import { describe, expect, it } from 'vitest';
import { spliceChunk } from './chunk-splicer.js';

const OUR_ID = 'chatcmpl-req_42';
const ID_JSON = JSON.stringify(OUR_ID);

/** The frame's JSON, read back the way a client reads it. */
function parsedFrame(frame: string | undefined): Record<string, unknown> {
  expect(frame).toMatch(/^data: \{.*\}\n\n$/s);
  return JSON.parse((frame as string).slice('data: '.length, -2));
}

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
