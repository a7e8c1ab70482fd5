/**
 * Real recordings of vendor-run web searches (vercel/ai's fixtures in ../shared/fixtures-raw) read
 * by the decoders the pass-through meters with: every search the vendor billed reaches the usage,
 * whole or streamed. Skips without ../shared (fails in CI).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../test/shared-fixtures.js';
import type { StreamPart, Usage } from '../ir/index.js';
import { decodeAnthropicResponse } from './anthropic/decode-response.js';
import { createAnthropicStreamDecoder } from './anthropic/stream-decoder.js';
import { decodeResponsesObject } from './openai/decode-responses-object.js';
import { createResponsesStreamDecoder } from './openai/responses-stream-decoder.js';
import type { StreamDecoder } from './provider.js';

const read = (relative: string) => readFileSync(path.join(FIXTURES_ROOT, relative), 'utf8');

/** A `*.chunks.txt` recording (one event's JSON a line) through a stream decoder; the last usage reported. */
function lastStreamedUsage(decoder: StreamDecoder, chunks: string): Usage | undefined {
  const parts: StreamPart[] = [];
  for (const line of chunks.split('\n')) {
    if (line.trim() === '') continue;
    const type = (JSON.parse(line) as { type: string }).type;
    parts.push(...decoder.push({ event: type, data: line }));
  }
  parts.push(...decoder.end());
  const usages = parts.filter((part) => part.type === 'usage');
  return usages.at(-1)?.usage;
}

describeWithFixtures('web search calls in recorded vendor answers', () => {
  const anthropic = 'vercel-ai/anthropic/src/__fixtures__/anthropic-web-search-tool.1';
  const openai = 'vercel-ai/openai/src/responses/__fixtures__/openai-web-search-tool.1';

  it("Anthropic: a whole message's server_tool_use.web_search_requests", () => {
    const body = JSON.parse(read(`${anthropic}.json`));
    expect(body.usage.server_tool_use.web_search_requests).toBe(2);
    expect(decodeAnthropicResponse(body).usage?.serverToolCalls).toEqual({ webSearch: 2 });
  });

  it("Anthropic: a stream's message_delta usage carries the searches", () => {
    const usage = lastStreamedUsage(createAnthropicStreamDecoder(), read(`${anthropic}.chunks.txt`));
    expect(usage?.serverToolCalls).toEqual({ webSearch: 1 });
    expect(usage?.outputTokens.total).toBe(795);
  });

  it('OpenAI Responses: every web_search_call item of a whole response (search, open_page, find_in_page)', () => {
    const body = JSON.parse(read(`${openai}.json`));
    const items = (body.output as Array<{ type: string }>).filter((item) => item.type === 'web_search_call');
    expect(items).toHaveLength(3);
    expect(decodeResponsesObject(body).usage?.serverToolCalls).toEqual({ webSearch: 3 });
  });

  it("OpenAI Responses: a stream's terminal usage counts the calls of its output", () => {
    const chunks = read(`${openai}.chunks.txt`);
    const done = chunks.split('\n').filter((line) => line.includes('"type":"response.output_item.done"'));
    const searches = done.filter((line) => JSON.parse(line).item.type === 'web_search_call').length;
    expect(searches).toBeGreaterThan(0);
    const usage = lastStreamedUsage(createResponsesStreamDecoder(), chunks);
    expect(usage?.serverToolCalls).toEqual({ webSearch: searches });
  });
});
