import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import { createAnthropicStreamDecoder } from './stream-decoder.js';

function run(events: Array<Record<string, unknown> | string>, options: { end?: boolean } = {}): StreamPart[] {
  const decoder = createAnthropicStreamDecoder();
  const parts = events.flatMap((event) =>
    decoder.push(
      typeof event === 'string' ? { data: event } : { event: String(event.type), data: JSON.stringify(event) },
    ),
  );
  return options.end === false ? parts : [...parts, ...decoder.end()];
}

const start = (id = 'msg_1', usage: Record<string, unknown> = { input_tokens: 10, output_tokens: 1 }) => ({
  type: 'message_start',
  message: { id, model: 'claude-x', content: [], usage },
});
const blockStart = (index: number, content_block: Record<string, unknown>) => ({
  type: 'content_block_start',
  index,
  content_block,
});
const delta = (index: number, value: Record<string, unknown>) => ({ type: 'content_block_delta', index, delta: value });
const blockStop = (index: number) => ({ type: 'content_block_stop', index });
const messageDelta = (stop_reason: string, usage: Record<string, unknown> = { output_tokens: 20 }) => ({
  type: 'message_delta',
  delta: { stop_reason, stop_sequence: null },
  usage,
});
const stop = { type: 'message_stop' };

describe('createAnthropicStreamDecoder', () => {
  it('streams metadata, text, usage and the finish', () => {
    const parts = run([
      start(),
      blockStart(0, { type: 'text', text: '' }),
      { type: 'ping' },
      delta(0, { type: 'text_delta', text: 'Hel' }),
      delta(0, { type: 'text_delta', text: 'lo' }),
      blockStop(0),
      messageDelta('end_turn'),
      stop,
    ]);
    expect(parts).toEqual([
      { type: 'response-metadata', id: 'msg_1', model: 'claude-x' },
      { type: 'usage', usage: expect.objectContaining({ inputTokens: expect.objectContaining({ total: 10 }) }) },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
      {
        type: 'usage',
        usage: {
          inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 20, text: undefined, reasoning: undefined },
          raw: { input_tokens: 10, output_tokens: 20 },
        },
      },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
    ]);
  });

  it('streams thinking with its signature and redacted thinking', () => {
    const parts = run([
      start(),
      blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
      delta(0, { type: 'thinking_delta', thinking: 'Hmm.' }),
      delta(0, { type: 'thinking_delta', thinking: '' }),
      delta(0, { type: 'signature_delta', signature: 'EqQB' }),
      blockStop(0),
      blockStart(1, { type: 'redacted_thinking', data: 'EmwK' }),
      blockStop(1),
      messageDelta('end_turn'),
      stop,
    ]).filter((part) => part.type.startsWith('reasoning'));
    expect(parts).toEqual([
      { type: 'reasoning-delta', delta: 'Hmm.' },
      { type: 'reasoning-signature', signature: 'EqQB' },
      { type: 'reasoning-redacted', data: 'EmwK' },
    ]);
  });

  it('numbers tool calls from 0, streams their arguments and ends them', () => {
    const parts = run([
      start(),
      blockStart(0, { type: 'text', text: '' }),
      delta(0, { type: 'text_delta', text: 'Calling.' }),
      blockStop(0),
      blockStart(1, { type: 'tool_use', id: 'toolu_a', name: 'get', input: {} }),
      delta(1, { type: 'input_json_delta', partial_json: '' }),
      delta(1, { type: 'input_json_delta', partial_json: '{"city":' }),
      delta(1, { type: 'input_json_delta', partial_json: '"Paris"}' }),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_b', name: 'now', input: {} }),
      delta(2, { type: 'input_json_delta', partial_json: '' }),
      blockStop(2),
      messageDelta('tool_use'),
      stop,
    ]).filter((part) => part.type.startsWith('tool-call') || part.type === 'finish');
    expect(parts).toEqual([
      { type: 'tool-call-start', index: 0, id: 'toolu_a', name: 'get' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'toolu_b', name: 'now' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
    ]);
  });

  it('uses the start block’s input when no input_json_delta arrives', () => {
    const parts = run(
      [start(), blockStart(0, { type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }), blockStop(0)],
      {
        end: false,
      },
    );
    expect(parts.filter((part) => part.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":1}' },
    ]);
  });

  it('ignores server-tool blocks and their input deltas', () => {
    const parts = run([
      start(),
      blockStart(0, { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }),
      delta(0, { type: 'input_json_delta', partial_json: '{"query":"x"}' }),
      blockStop(0),
      blockStart(1, { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] }),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }),
      blockStop(2),
      messageDelta('tool_use'),
      stop,
    ]);
    expect(parts.filter((part) => part.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', index: 0, id: 'toolu_1', name: 'f' },
    ]);
  });

  it('closes a tool call cut off by max_tokens at message_stop, keeping the partial arguments', () => {
    const parts = run([
      start(),
      blockStart(0, { type: 'tool_use', id: 't', name: 'f', input: {} }),
      delta(0, { type: 'input_json_delta', partial_json: '{"a": "unfinis' }),
      messageDelta('max_tokens'),
      stop,
    ]).filter((part) => part.type.startsWith('tool-call') || part.type === 'finish' || part.type === 'error');
    expect(parts).toEqual([
      { type: 'tool-call-start', index: 0, id: 't', name: 'f' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a": "unfinis' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' } },
    ]);
  });

  it('merges input tokens sent again in message_delta (proxies)', () => {
    const parts = run([
      start('m', { input_tokens: 43, output_tokens: 1 }),
      messageDelta('end_turn', { input_tokens: 61, output_tokens: 2 }),
      stop,
    ]);
    const usage = parts.filter((part) => part.type === 'usage').at(-1);
    expect(usage).toMatchObject({ usage: { inputTokens: { total: 61 }, outputTokens: { total: 2 } } });
  });

  it('emits the refusal explanation as a refusal delta', () => {
    const parts = run([
      start(),
      {
        type: 'message_delta',
        delta: { stop_reason: 'refusal', stop_details: { explanation: 'Blocked.' } },
        usage: { output_tokens: 0 },
      },
      stop,
    ]);
    expect(parts).toContainEqual({ type: 'refusal-delta', delta: 'Blocked.' });
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'content-filter', raw: 'refusal' } });
  });

  it('turns an overloaded error as the first event into one retryable error part', () => {
    const parts = run([{ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }]);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({
      type: 'error',
      error: {
        kind: 'overloaded',
        status: 503,
        retryable: true,
        upstreamType: 'overloaded_error',
        message: 'Overloaded',
      },
    });
  });

  it('stops after a mid-stream error and ignores what follows', () => {
    const parts = run([
      start(),
      blockStart(0, { type: 'text', text: '' }),
      delta(0, { type: 'text_delta', text: 'partial' }),
      { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } },
      delta(0, { type: 'text_delta', text: 'ignored' }),
      stop,
    ]);
    expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'usage', 'text-delta', 'error']);
    expect(parts.at(-1)).toMatchObject({ error: { kind: 'rate_limit', status: 429 } });
  });

  it('reports malformed JSON without echoing the chunk', () => {
    const parts = run([start(), '{"type":"content_block_delta","delta":{"text":"SECRET PROMPT']);
    const error = parts.at(-1);
    expect(parts.filter((part) => part.type === 'error')).toHaveLength(1);
    expect(error).toMatchObject({ type: 'error', error: { kind: 'upstream_error' } });
    expect(JSON.stringify(error)).not.toContain('SECRET');
    expect(error?.type === 'error' && error.error.message).not.toContain('SECRET');
  });

  it('reports a stream that ends without message_stop', () => {
    const parts = run([
      start(),
      blockStart(0, { type: 'text', text: '' }),
      delta(0, { type: 'text_delta', text: 'cut' }),
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'upstream_error', message: 'upstream stream ended prematurely' },
    });
    expect(run([]).map((part) => part.type)).toEqual(['error']);
  });

  it('ignores a duplicated message_start but fails on a different one', () => {
    expect(
      run([start('a'), start('a'), messageDelta('end_turn'), stop]).filter((p) => p.type === 'response-metadata'),
    ).toHaveLength(1);
    const spliced = run([start('a'), start('b'), messageDelta('end_turn'), stop]);
    expect(spliced.map((part) => part.type)).toEqual(['response-metadata', 'usage', 'error']);
  });

  it('tolerates trailing padding in data, blank data and unknown events', () => {
    const decoder = createAnthropicStreamDecoder();
    expect(decoder.push({ event: 'message_start', data: `${JSON.stringify(start())}      ` })).toHaveLength(2);
    expect(decoder.push({ event: 'ping', data: '{"type": "ping"}' })).toEqual([]);
    expect(decoder.push({ data: '' })).toEqual([]);
    expect(decoder.push({ data: '{"type":"brand_new_event"}' })).toEqual([]);
    expect(decoder.push({ event: 'message_stop', data: '{}' })).toEqual([
      { type: 'finish', finishReason: { unified: 'other' } },
    ]);
    expect(decoder.end()).toEqual([]);
  });
});

describe('createAnthropicStreamDecoder: stop sequences', () => {
  it('reads the matched stop sequence from message_delta', () => {
    const parts = run([
      start(),
      {
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' },
        usage: { output_tokens: 2 },
      },
      { type: 'message_stop' },
    ]);
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop_sequence', stopSequence: 'END' },
    });
  });
});
