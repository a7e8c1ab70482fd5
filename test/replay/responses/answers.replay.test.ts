/**
 * Recorded answers of other vendors, re-encoded as Responses: each recorded Anthropic and Chat
 * Completions stream goes through our provider's stream decoder and the Responses stream encoder,
 * and must hold every stream invariant, finish with the same response `encodeResponse` makes of the
 * same answer, and be accepted by the official `openai` SDK's own Responses stream reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import type { ChatRequest, StreamPart } from '../../../src/ir/index.js';
import { decodeAnthropicResponse } from '../../../src/providers/anthropic/decode-response.js';
import { createAnthropicStreamDecoder } from '../../../src/providers/anthropic/stream-decoder.js';
import { createOpenAIStreamDecoder } from '../../../src/providers/openai/stream-decoder.js';
import type { ProviderId, SseEvent } from '../../../src/providers/provider.js';
import {
  decodeResponsesRequest,
  encodeResponse,
  ResponsesStreamEncoder,
} from '../../../src/surfaces/responses/index.js';
import type { ResponseMeta } from '../../../src/surfaces/surface.js';
import { FIXTURES_ROOT, fixturesAvailable } from '../../shared-fixtures.js';
import { allAnthropicExchanges, describeWithFixtures, sseEventsFromText } from '../anthropic/fixtures.js';
import { expectValidResponsesStream, parseResponsesSse, resultFromParts } from './stream-checks.js';

interface RecordedStream {
  name: string;
  provider: ProviderId;
  events: SseEvent[];
}

/** Spliced by hand by vercel/ai to test a broken proxy: not an answer. */
const SPLICED = 'vercel-ai/anthropic/src/__fixtures__/spliced-message-start.chunks.txt';

function anthropicStreams(): RecordedStream[] {
  return allAnthropicExchanges().flatMap((exchange) =>
    exchange.status === 200 && exchange.body.kind === 'sse' && exchange.name !== SPLICED
      ? [{ name: exchange.name, provider: 'anthropic' as const, events: exchange.body.events }]
      : [],
  );
}

function chatCompletionStreams(): RecordedStream[] {
  if (!fixturesAvailable) return [];
  const folders = ['openai-python/inline-snapshot-external', 'openai-node/tests/lib/__snapshots__/extracted'];
  return folders.flatMap((folder) =>
    readdirSync(path.join(FIXTURES_ROOT, folder))
      .filter((file) => file.endsWith('.sse'))
      .map((file) => ({
        name: `${folder}/${file}`,
        provider: 'openai' as const,
        events: sseEventsFromText(readFileSync(path.join(FIXTURES_ROOT, folder, file), 'utf8')),
      })),
  );
}

function decodeStream(stream: RecordedStream): StreamPart[] {
  const decoder =
    stream.provider === 'anthropic'
      ? createAnthropicStreamDecoder()
      : createOpenAIStreamDecoder({
          target: { baseUrl: 'https://x.test/v1', apiKey: '', model: 'm' },
          generateId: (prefix) => `${prefix}1`,
          now: () => 0,
        });
  return [...stream.events.flatMap((event) => decoder.push(event)), ...decoder.end()];
}

const request: ChatRequest = decodeResponsesRequest({
  model: 'any-model',
  input: 'hello',
  stream: true,
  reasoning: { effort: 'high', summary: 'auto' },
  include: ['reasoning.encrypted_content'],
  store: false,
});

function metaFor(provider: ProviderId): ResponseMeta {
  return { requestId: 'req-42', created: 1765552663, model: 'any-model', provider, vendor: provider };
}

/** The official SDK reading our bytes as if from api.openai.com. */
async function readWithSdk(sse: string) {
  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://aihub.test/v1',
    maxRetries: 0,
    fetch: async () => new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = client.responses.stream({ model: 'any-model', input: 'hello' });
  const types: string[] = [];
  for await (const event of stream) types.push(event.type);
  return { types, final: await stream.finalResponse() };
}

const streams = [...anthropicStreams(), ...chatCompletionStreams()];

describeWithFixtures('Recorded answers re-encoded as a Responses stream', () => {
  it('covers recorded streams of both families', () => {
    expect(streams.filter((stream) => stream.provider === 'anthropic').length).toBeGreaterThanOrEqual(50);
    expect(streams.filter((stream) => stream.provider === 'openai').length).toBeGreaterThanOrEqual(10);
  });

  it.each(streams.map((stream) => [stream.name, stream] as const))('%s', async (_name, stream) => {
    const parts = decodeStream(stream);
    const meta = metaFor(stream.provider);
    const encoder = new ResponsesStreamEncoder(request, meta);
    const sse = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
    const events = parseResponsesSse(sse);
    const response = expectValidResponsesStream(events);
    expect(encoder.completedResponse()).toEqual(response);

    if (parts.some((part) => part.type === 'error')) {
      expect(response.status).toBe('failed');
      // OpenAI's SDKs throw on the `error` event, as they do for OpenAI's own mid-stream errors.
      await expect(readWithSdk(sse)).rejects.toThrow(OpenAI.APIError);
      return;
    }
    expect(response).toEqual(encodeResponse(resultFromParts(parts), request, meta));
    const { types, final } = await readWithSdk(sse);
    expect(types).toEqual(events.map((event) => event.data.type));
    expect(final.id).toBe('resp_req42');
    if (response.status === 'completed') {
      // The SDK adds its own `parsed: null` to output text; everything we sent must be there as sent.
      expect(final.output).toMatchObject(response.output as object[]);
    } else {
      // Without `response.completed` the SDK keeps its own snapshot built from the deltas (it
      // accumulates text and arguments only): the same items, ids and text.
      expect(final.output.map((item) => [item.type, item.id])).toEqual(
        (response.output as Array<{ type: string; id: string }>).map((item) => [item.type, item.id]),
      );
    }
    const text = resultFromParts(parts)
      .choices[0]?.content.flatMap((part) => (part.type === 'text' ? [part.text] : []))
      .join('');
    const sdkText = final.output
      .flatMap((item) => (item.type === 'message' ? item.content : []))
      .flatMap((part) => (part.type === 'output_text' ? [part.text] : []))
      .join('');
    expect(sdkText).toBe(text);
  });

  it('a recorded Anthropic JSON answer with thinking and tool use as a Responses object', async () => {
    const file =
      'litellm/tests/test_litellm/integrations/rubrik_test_sample_data/anthropic_multiple_tool_call_response.json';
    const body = JSON.parse(readFileSync(path.join(FIXTURES_ROOT, file), 'utf8')) as unknown;
    const result = decodeAnthropicResponse(body);
    const response = encodeResponse(result, request, metaFor('anthropic'));
    const calls = (response.output as Array<Record<string, unknown>>).filter((item) => item.type === 'function_call');
    const irCalls = result.choices[0]?.content.filter((part) => part.type === 'tool-call') ?? [];
    expect(calls.length).toBe(irCalls.length);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    calls.forEach((call, index) => {
      expect(call).toMatchObject({ status: 'completed', call_id: irCalls[index]?.id, name: irCalls[index]?.name });
    });
    expect(response.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });

    const client = new OpenAI({
      apiKey: 'sk-test',
      baseURL: 'http://aihub.test/v1',
      maxRetries: 0,
      fetch: async () => Response.json(response),
    });
    const read = await client.responses.create({ model: 'any-model', input: 'hello' });
    expect(read.id).toBe('resp_req42');
    const text = result.choices[0]?.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    expect(read.output_text).toBe(text);
  });
});
