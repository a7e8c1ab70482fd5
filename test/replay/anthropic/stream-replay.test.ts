import { expect, it } from 'vitest';
import type { StreamPart } from '../../../src/ir/index.js';
import { createAnthropicStreamDecoder } from '../../../src/providers/anthropic/stream-decoder.js';
import type { SseEvent } from '../../../src/providers/provider.js';
import { collectStream, expectedFromSse, expectStreamMatches } from './expectations.js';
import { allAnthropicExchanges, describeWithFixtures, exchangesOf, type RecordedExchange } from './fixtures.js';

const exchanges = allAnthropicExchanges();
/** Hand-built by vercel/ai to test a proxy splicing two messages into one stream: must fail. */
const SPLICED = 'vercel-ai/anthropic/src/__fixtures__/spliced-message-start.chunks.txt';
const streamed = exchanges.filter(
  (exchange) => exchange.status === 200 && exchange.body.kind === 'sse' && exchange.name !== SPLICED,
);

function eventsOf(exchange: RecordedExchange): SseEvent[] {
  if (exchange.body.kind !== 'sse') throw new Error(`${exchange.name} is not a stream`);
  return exchange.body.events;
}

function decode(events: SseEvent[]): StreamPart[] {
  const decoder = createAnthropicStreamDecoder();
  return [...events.flatMap((event) => decoder.push(event)), ...decoder.end()];
}

function decodeFixture(name: string, index = 0) {
  const events = eventsOf(exchangesOf(exchanges, name)[index]);
  return { events, parts: decode(events), collected: collectStream(decode(events)), expected: expectedFromSse(events) };
}

const pai = 'pydantic-ai/tests/models/cassettes/test_anthropic';

describeWithFixtures('Anthropic stream decoder against recorded streams', () => {
  it('covers a meaningful number of recorded streams', () => {
    expect(streamed.length).toBeGreaterThanOrEqual(80);
  });

  it.each(streamed.map((exchange) => [exchange.name, exchange] as const))('%s', (_name, exchange) => {
    const events = eventsOf(exchange);
    const expected = expectedFromSse(events);
    expect(expected.complete).toBe(true);
    expectStreamMatches(collectStream(decode(events)), expected);
  });

  it('keeps thinking text, its signature and the text in order (thinking_part_stream)', () => {
    const { parts, collected, expected } = decodeFixture(`${pai}/test_anthropic_model_thinking_part_stream.yaml`);
    expect(collected.reasoning.startsWith('This is a straightforward question about pedestrian safety.')).toBe(true);
    expect(collected.signatures).toHaveLength(1);
    expect(collected.signatures[0].startsWith('EvMCCkYICxgCKkCHP2cSuEdcJK')).toBe(true);
    const kinds = parts.map((part) => part.type).filter((type) => type !== 'usage');
    const signatureAt = kinds.indexOf('reasoning-signature');
    expect(kinds.lastIndexOf('reasoning-delta')).toBeLessThan(signatureAt);
    expect(kinds.indexOf('text-delta')).toBeGreaterThan(signatureAt);
    expect(collected.text).toBe(expected.text);
    expect(collected.usage?.inputTokens.total).toBe(43);
    expect(collected.finish).toEqual({ unified: 'stop', raw: 'end_turn' });
  });

  it('round-trips redacted thinking blocks (thinking_part_redacted_stream)', () => {
    const { collected } = decodeFixture(`${pai}/test_anthropic_model_thinking_part_redacted_stream.yaml`);
    expect(collected.redacted).toHaveLength(2);
    expect(collected.redacted[0].startsWith('EqkECkYIBxgCKkA8AZ4noDfV5VcOJe')).toBe(true);
    expect(collected.redacted[1].startsWith('EtgBCkYIBxgCKkDQfGkwzflEJP5asG3')).toBe(true);
    expect(collected.reasoning).toBe('');
    expect(collected.text.startsWith("I notice that you've sent what appears to be")).toBe(true);
  });

  it('streams thinking, signature and a no-argument tool call, then the answer (simonw regression)', () => {
    const name =
      'simonw-llm-anthropic/tests/cassettes/test_anthropic/test_fixed_version_tool_chain_with_thinking_display_regression.yaml';
    const first = decodeFixture(name, 0).collected;
    expect(first.reasoning).toContain('Let me first call the fixed_version tool');
    expect(first.signatures).toEqual([expect.stringMatching(/^EoQDCm0IDhgCKkCDzGs2kL2P/)]);
    expect(first.toolCalls).toEqual([
      { index: 0, id: 'toolu_01825dXWLSoJwCst1qTsiWdb', name: 'fixed_version', arguments: '{}', ended: true },
    ]);
    expect(first.finish).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(first.usage?.outputTokens).toEqual({ total: 92, reasoning: 53, text: 39 });
    expect(first.usage?.inputTokens.total).toBe(598);

    const second = decodeFixture(name, 1).collected;
    expect(second.text).toContain('The version is **0.32a0**');
    expect(second.finish).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(second.usage?.inputTokens.total).toBe(707);
  });

  it.each([
    'anthropic-sdk-python/tests/lib/streaming/fixtures/incomplete_partial_json_response.txt',
    'anthropic-sdk-typescript/tests/lib/fixtures/incomplete_partial_json_response.txt',
  ])('keeps the cut-off arguments of a tool call truncated by max_tokens (%s)', (name) => {
    const { collected } = decodeFixture(name);
    expect(collected.text).toBe(
      "I'll create a comprehensive tax guide for someone with multiple W2s and save it in a file called taxes.txt. Let me do that for you now.",
    );
    const [call] = collected.toolCalls;
    expect(call).toMatchObject({ index: 0, id: 'toolu_01EKqbqmZrGRXy18eN7m9kvY', name: 'make_file', ended: true });
    expect(call.arguments.startsWith('{"filename": "taxes.txt", "lines_of_text": [')).toBe(true);
    expect(call.arguments.endsWith('\n"Filing taxes')).toBe(true);
    expect(() => JSON.parse(call.arguments)).toThrow();
    expect(collected.finish).toEqual({ unified: 'length', raw: 'max_tokens' });
    expect(collected.errors).toEqual([]);
  });

  it('gives a tool call with only an empty input_json_delta complete "{}" arguments (vercel tool-no-args)', () => {
    const { collected } = decodeFixture('vercel-ai/anthropic/src/__fixtures__/anthropic-tool-no-args.chunks.txt');
    expect(collected.toolCalls).toEqual([
      { index: 0, id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList', arguments: '{}', ended: true },
    ]);
  });

  it('takes input tokens repeated in message_delta (vercel message-delta-input-tokens)', () => {
    const { collected } = decodeFixture(
      'vercel-ai/anthropic/src/__fixtures__/anthropic-message-delta-input-tokens.chunks.txt',
    );
    expect(collected.text).toBe('pong');
    expect(collected.usage?.inputTokens.total).toBe(61);
    expect(collected.usage?.outputTokens.total).toBe(2);
  });

  it('numbers parallel tool calls from 0 in order (sdk python tool runner)', () => {
    const parallel = streamed.filter((exchange) => expectedFromSse(eventsOf(exchange)).toolCalls.length > 1);
    expect(parallel.length).toBeGreaterThan(0);
    for (const exchange of parallel) {
      const collected = collectStream(decode(eventsOf(exchange)));
      expect(collected.toolCalls.map((call) => call.index)).toEqual(collected.toolCalls.map((_, index) => index));
    }
  });

  it('ignores a duplicated message_start and fails a spliced one (vercel hand-built edge cases)', () => {
    const duplicate = decodeFixture(
      'vercel-ai/anthropic/src/__fixtures__/duplicate-message-start.chunks.txt',
    ).collected;
    expect(duplicate.partTypes.filter((type) => type === 'response-metadata')).toHaveLength(1);
    expect(duplicate.text).toBe('Hello, World!');

    const spliced = collectStream(decode(eventsOf(exchangesOf(exchanges, SPLICED)[0])));
    expect(spliced.id).toBe('msg_first');
    expect(spliced.errors).toHaveLength(1);
    expect(spliced.errors[0].kind).toBe('upstream_error');
    expect(spliced.finish).toBeUndefined();
    expect(spliced.partTypes.filter((type) => type === 'response-metadata')).toHaveLength(1);
  });

  it('reports a recorded stream cut before message_stop, after usage was already reported', () => {
    const events = eventsOf(exchangesOf(exchanges, `${pai}/test_anthropic_model_thinking_part_stream.yaml`)[0]);
    const cut = events.slice(
      0,
      events.findIndex((event) => event.event === 'message_delta'),
    );
    const collected = collectStream(decode(cut));
    expect(collected.finish).toBeUndefined();
    expect(collected.usage?.inputTokens.total).toBe(43);
    expect(collected.errors.map((error) => error.message)).toEqual(['upstream stream ended prematurely']);
    expect(collected.partTypes.at(-1)).toBe('error');
  });
});
