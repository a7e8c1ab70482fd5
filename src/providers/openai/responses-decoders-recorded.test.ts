import { expect, it } from 'vitest';
import { chunkLineEvents, describeReplay, listFixtures, readFixture } from '../../../test/replay/openai/fixtures.js';
import type { StreamPart } from '../../ir/index.js';
import type { SseEvent } from '../provider.js';
import { decodeResponsesObject } from './decode-responses-object.js';
import { createResponsesStreamDecoder } from './responses-stream-decoder.js';

/**
 * Real Responses traffic recorded from OpenAI (vercel/ai's fixtures in ../shared/fixtures-raw)
 * through the pass-through decoders: every recorded answer, whole or streamed, gives the meter the
 * usage OpenAI reported, token for token, and the text and calls the answer holds.
 */
const FOLDER = 'vercel-ai/openai/src/responses/__fixtures__';
// biome-ignore lint/suspicious/noExplicitAny: recorded and received JSON, read field by field
type Json = Record<string, any>;

/** The recorded `*.chunks.txt` (one event's data per line) as SSE events named by their `type`. */
function recordedEvents(file: string): SseEvent[] | undefined {
  const events = chunkLineEvents(readFixture(file));
  try {
    return events.map((event) => ({ event: (JSON.parse(event.data) as Json).type, data: event.data }));
  } catch {
    return undefined; // a hand-edited file whose lines are not one event each
  }
}

function outputText(response: Json): string {
  return (response.output as Json[])
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content as Json[])
    .filter((part) => part.type === 'output_text')
    .map((part) => part.text)
    .join('');
}

function calls(response: Json): Array<{ id: string; name: string; arguments: string }> {
  return (response.output as Json[])
    .filter((item) => item.type === 'function_call' || item.type === 'custom_tool_call')
    .map((item) => ({ id: item.call_id, name: item.name, arguments: item.arguments ?? item.input }));
}

/** The usage as OpenAI's numbers say it, in the IR's fields. */
function expectedUsage(usage: Json) {
  return {
    input: usage.input_tokens,
    cacheRead: usage.input_tokens_details?.cached_tokens,
    output: usage.output_tokens,
    reasoning: usage.output_tokens_details?.reasoning_tokens,
  };
}

describeReplay('Responses pass-through decoders on recorded OpenAI answers', () => {
  const streams = listFixtures(FOLDER, '.chunks.txt');
  const objects = listFixtures(FOLDER, '.json');

  it('has recordings to replay', () => {
    expect(streams.length).toBeGreaterThan(20);
    expect(objects.length).toBeGreaterThan(20);
  });

  it.each(objects)('%s: the whole answer decodes to its usage, text and calls', (file) => {
    const body = JSON.parse(readFixture(file)) as Json;
    if (body.object !== 'response') {
      // An error body: a 2xx carrying it is an error in disguise.
      expect(() => decodeResponsesObject(body)).toThrow();
      return;
    }
    const result = decodeResponsesObject(body);
    const usage = result.usage;
    const expected = expectedUsage(body.usage);
    expect(usage?.inputTokens.total).toBe(expected.input);
    expect(usage?.inputTokens.cacheRead).toBe(expected.cacheRead);
    expect(usage?.outputTokens.total).toBe(expected.output);
    expect(usage?.outputTokens.reasoning).toBe(expected.reasoning);
    expect(result.id).toBe(body.id);
    expect(result.model).toBe(body.model);
    const content = result.choices[0].content;
    const text = content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    expect(text).toBe(outputText(body));
    const toolCalls = content.flatMap((part) =>
      part.type === 'tool-call' ? [{ id: part.id, name: part.name, arguments: part.arguments }] : [],
    );
    expect(toolCalls).toEqual(calls(body));
    expect(result.choices[0].finishReason.unified).toBe(toolCalls.length > 0 ? 'tool-calls' : 'stop');
  });

  it.each(streams)('%s: each streamed response decodes to its usage, deltas and calls', (file) => {
    const events = recordedEvents(file);
    if (!events) return;
    const segments = responseSegments(events);
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) checkSegment(segment);
  });

  it('reasoning summaries stream as reasoning (gpt-5.1-codex-max with encrypted content)', () => {
    const events = recordedEvents(`${FOLDER}/openai-reasoning-encrypted-content.1.chunks.txt`) ?? [];
    const decoder = createResponsesStreamDecoder();
    const parts = events.flatMap((event) => decoder.push(event));
    const summaries = events
      .map((event) => JSON.parse(event.data) as Json)
      .filter((data) => data.type === 'response.reasoning_summary_text.delta')
      .map((data) => data.delta)
      .join('');
    expect(summaries.length).toBeGreaterThan(0);
    expect(parts.flatMap((part) => (part.type === 'reasoning-delta' ? [part.delta] : [])).join('')).toBe(summaries);
  });
});

/** A recording of an agent's loop holds one response after another: each starts at `response.created`. */
function responseSegments(events: SseEvent[]): SseEvent[][] {
  const segments: SseEvent[][] = [];
  for (const event of events) {
    if (event.event === 'response.created' || segments.length === 0) segments.push([]);
    segments[segments.length - 1].push(event);
  }
  return segments;
}

/**
 * One response's events through a fresh decoder: the usage of its terminal event to the token,
 * every text delta in order (some recordings were trimmed by hand, so the deltas, not the final
 * text, are what the stream said), each call with its id, name and streamed arguments.
 */
function checkSegment(events: SseEvent[]): void {
  const decoder = createResponsesStreamDecoder();
  const parts: StreamPart[] = [...events.flatMap((event) => decoder.push(event)), ...decoder.end()];
  const data = events.map((event) => JSON.parse(event.data) as Json);
  const last = data[data.length - 1];
  if (last.type === 'response.failed') {
    const error = parts.at(-1);
    expect(error?.type).toBe('error');
    expect(parts.filter((part) => part.type === 'error')).toHaveLength(1);
    // The words of the `error` event before it (insufficient_quota), not a generic failure.
    const before = data.find((item) => item.type === 'error');
    if (error?.type === 'error' && before) expect(error.error.message).toBe(before.error.message);
    return;
  }
  const response = last.response as Json;
  expect(parts.some((part) => part.type === 'error')).toBe(false);
  const usage = parts.filter((part) => part.type === 'usage').at(-1);
  const expected = expectedUsage(response.usage);
  expect(usage?.type === 'usage' && usage.usage.inputTokens.total).toBe(expected.input);
  expect(usage?.type === 'usage' && usage.usage.inputTokens.cacheRead).toBe(expected.cacheRead);
  expect(usage?.type === 'usage' && usage.usage.outputTokens.total).toBe(expected.output);
  expect(usage?.type === 'usage' && usage.usage.outputTokens.reasoning).toBe(expected.reasoning);
  expect(parts.at(-1)).toMatchObject({ type: 'finish' });
  const deltas = (type: string, itemId?: string) =>
    data
      .filter((item) => item.type === type && (itemId === undefined || item.item_id === itemId))
      .map((item) => item.delta)
      .join('');
  const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
  expect(text).toBe(deltas('response.output_text.delta'));
  const started = parts.flatMap((part) => (part.type === 'tool-call-start' ? [part] : []));
  const decodedCalls = started.map((start) => ({
    id: start.id,
    name: start.name,
    arguments: parts
      .flatMap((part) => (part.type === 'tool-call-delta' && part.index === start.index ? [part.argumentsDelta] : []))
      .join(''),
  }));
  const recordedCalls = (response.output as Json[])
    .filter((item) => item.type === 'function_call' || item.type === 'custom_tool_call')
    .map((item) => ({
      id: item.call_id,
      name: item.name,
      arguments:
        deltas('response.function_call_arguments.delta', item.id) ||
        deltas('response.custom_tool_call_input.delta', item.id) ||
        (item.arguments ?? item.input),
    }));
  expect(decodedCalls).toEqual(recordedCalls);
  for (const start of started) {
    expect(parts.filter((part) => part.type === 'tool-call-end' && part.index === start.index)).toHaveLength(1);
  }
}
