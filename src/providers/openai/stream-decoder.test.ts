import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import type { CompatQuirks, SseEvent } from '../provider.js';
import { findCompatPreset } from './presets.js';
import { createOpenAIStreamDecoder } from './stream-decoder.js';

function run(
  chunks: Array<object | string>,
  options: { compat?: string | CompatQuirks; end?: boolean } = {},
): StreamPart[] {
  let counter = 0;
  const compat = typeof options.compat === 'string' ? findCompatPreset(options.compat)?.quirks : options.compat;
  const decoder = createOpenAIStreamDecoder({
    target: { baseUrl: 'https://x.test/v1', apiKey: '', model: 'm' },
    generateId: (prefix) => `${prefix}gen${++counter}`,
    now: () => 0,
    compat,
  });
  const parts: StreamPart[] = [];
  for (const chunk of chunks) {
    const event: SseEvent =
      typeof chunk === 'string'
        ? { data: chunk }
        : 'data' in chunk
          ? (chunk as SseEvent)
          : { data: JSON.stringify(chunk) };
    parts.push(...decoder.push(event));
  }
  if (options.end !== false) parts.push(...decoder.end());
  return parts;
}
const delta = (value: object, extra: object = {}) => ({
  id: 'c1',
  model: 'm',
  choices: [{ index: 0, delta: value, finish_reason: null, ...extra }],
});
const finish = (reason = 'stop') => ({ id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: reason }] });
const tool = (call: object) => delta({ tool_calls: [call] });
const without = (parts: StreamPart[], ...types: string[]) => parts.filter((part) => !types.includes(part.type));

describe('createOpenAIStreamDecoder', () => {
  it('text, finish, usage chunk and [DONE]', () => {
    const parts = run([
      delta({ role: 'assistant', content: '' }),
      delta({ content: 'Hi' }),
      finish(),
      { id: 'c1', choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } },
      '[DONE]',
    ]);
    expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'text-delta', 'finish', 'usage']);
    expect(parts[1]).toEqual({ type: 'text-delta', choice: 0, delta: 'Hi' });
  });

  it('a tool call whose id and name repeat in later deltas stays one call', () => {
    const parts = run([
      tool({ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"' } }),
      tool({ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: ':1}' } }),
      finish('tool_calls'),
    ]);
    expect(without(parts, 'response-metadata')).toEqual([
      { type: 'tool-call-start', choice: 0, index: 0, id: 'call_1', name: 'f' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"a"' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: ':1}' },
      { type: 'tool-call-end', choice: 0, index: 0 },
      { type: 'finish', choice: 0, finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
    ]);
  });

  it('whole calls without index (Mistral), one per delta, numbered in order', () => {
    const parts = run([
      tool({ id: 'aaaaaaaaa', function: { name: 'f', arguments: '{}' } }),
      tool({ id: 'bbbbbbbbb', function: { name: 'g', arguments: '{"x":1}' } }),
      finish('tool_calls'),
    ]);
    const starts = parts.filter((part) => part.type === 'tool-call-start');
    expect(starts).toEqual([
      { type: 'tool-call-start', choice: 0, index: 0, id: 'aaaaaaaaa', name: 'f' },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'bbbbbbbbb', name: 'g' },
    ]);
  });

  it('one index reused for a second call with a new id (some Gemini-compatible servers)', () => {
    const parts = run([
      tool({ index: 0, id: 'x1', function: { name: 'f', arguments: '{}' } }),
      tool({ index: 0, id: 'x2', function: { name: 'g', arguments: '{}' } }),
      finish('tool_calls'),
    ]);
    expect(parts.filter((part) => part.type === 'tool-call-end')).toHaveLength(2);
  });

  it('arguments before the name are held until the call can start; a missing id is generated', () => {
    const parts = run([
      tool({ index: 0, function: { arguments: '{"q":' } }),
      tool({ index: 0, function: { name: 'search', arguments: '"x"}' } }),
      finish('tool_calls'),
    ]);
    expect(without(parts, 'response-metadata', 'finish')).toEqual([
      { type: 'tool-call-start', choice: 0, index: 0, id: 'call_gen1', name: 'search' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"q":' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '"x"}' },
      { type: 'tool-call-end', choice: 0, index: 0 },
    ]);
  });

  it('a Gemini thought signature on a streamed tool call rides on tool-call-start', () => {
    const parts = run([
      tool({
        index: 0,
        id: 'g1',
        function: { name: 'f', arguments: '{}' },
        extra_content: { google: { thought_signature: 'TS' } },
      }),
      finish('tool_calls'),
    ]);
    expect(parts.find((part) => part.type === 'tool-call-start')).toEqual({
      type: 'tool-call-start',
      choice: 0,
      index: 0,
      id: 'g1',
      name: 'f',
      signature: 'TS',
    });
  });

  it('an id arriving after the name (id generated at start) does not split the call', () => {
    const parts = run([
      tool({ index: 0, function: { name: 'f' } }),
      tool({ index: 0, id: 'late', function: { arguments: '{}' } }),
      finish('tool_calls'),
    ]);
    expect(parts.filter((part) => part.type === 'tool-call-start')).toHaveLength(1);
    expect(parts.filter((part) => part.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{}' },
    ]);
  });

  it('a vendor repeating the complete arguments at the end does not double them', () => {
    const parts = run([
      tool({ index: 0, id: 'c', function: { name: 'f', arguments: '{"a":1}' } }),
      tool({ index: 0, function: { arguments: '{"a":1}' } }),
      finish('tool_calls'),
    ]);
    expect(parts.filter((part) => part.type === 'tool-call-delta')).toHaveLength(1);
  });

  it('reasoning fields per dialect, OpenRouter details with signature and encrypted data', () => {
    expect(
      run([delta({ reasoning: 'think' }), finish()], { compat: 'groq' }).filter(
        (part) => part.type === 'reasoning-delta',
      ),
    ).toEqual([{ type: 'reasoning-delta', choice: 0, delta: 'think' }]);
    const parts = run(
      [
        delta({
          reasoning: 'A',
          reasoning_details: [{ type: 'reasoning.text', text: 'A', format: 'anthropic-claude-v1' }],
        }),
        delta({ reasoning: null, reasoning_details: [{ type: 'reasoning.text', signature: 'SIG' }] }),
        delta({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'ENC' }] }),
        finish(),
      ],
      { compat: 'openrouter' },
    );
    expect(without(parts, 'response-metadata', 'finish')).toEqual([
      { type: 'reasoning-delta', choice: 0, delta: 'A' },
      { type: 'reasoning-signature', choice: 0, signature: 'SIG' },
      { type: 'reasoning-redacted', choice: 0, data: 'ENC' },
    ]);
  });

  it('Mistral thinking chunks and text chunks in content arrays', () => {
    const parts = run([
      delta({
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }] },
          { type: 'text', text: 'ok' },
        ],
      }),
      finish(),
    ]);
    expect(without(parts, 'response-metadata', 'finish')).toEqual([
      { type: 'reasoning-delta', choice: 0, delta: 'hmm' },
      { type: 'text-delta', choice: 0, delta: 'ok' },
    ]);
  });

  it('usage inside the choice (Moonshot) is read', () => {
    const parts = run([
      delta(
        { content: 'x' },
        { finish_reason: 'stop', usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 } },
      ),
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'usage',
      usage: { inputTokens: { total: 2 }, outputTokens: { total: 1 } },
    });
  });

  it('[DONE] without a finish closes open calls with finish other', () => {
    const parts = run([tool({ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }), '[DONE]']);
    expect(parts.slice(-2)).toEqual([
      { type: 'tool-call-end', choice: 0, index: 0 },
      { type: 'finish', choice: 0, finishReason: { unified: 'other' } },
    ]);
  });

  it('a finish without [DONE] ends cleanly; nothing at all is a premature end', () => {
    expect(run([delta({ content: 'x' }), finish()]).some((part) => part.type === 'error')).toBe(false);
    const cut = run([delta({ content: 'x' })]);
    expect(cut.at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'upstream_error', message: 'upstream stream ended prematurely' },
    });
    expect(run([]).at(-1)?.type).toBe('error');
  });

  it('malformed JSON is an error that never quotes the chunk, and the decoder then stays silent', () => {
    const decoder = createOpenAIStreamDecoder({
      target: { baseUrl: '', apiKey: '', model: 'm' },
      generateId: (p) => p,
      now: () => 0,
    });
    const parts = decoder.push({ data: '{"choices":[{"delta":{"content":"secret prompt' });
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ type: 'error', error: { message: 'upstream sent malformed stream data' } });
    expect(JSON.stringify(parts[0].type === 'error' ? parts[0].error.message : '')).not.toContain('secret');
    expect(decoder.push({ data: JSON.stringify(delta({ content: 'more' })) })).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('an error event without an `error` key is still an error part', () => {
    const parts = run([
      delta({ content: 'x' }),
      { event: 'error', data: JSON.stringify({ message: 'overloaded', type: 'server_error' }) },
    ]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'upstream_error', message: 'overloaded' } });
  });

  it('empty data, comments-as-blank and null usage are ignored', () => {
    const parts = run([{ data: '' }, { ...delta({ content: 'x' }), usage: null }, finish()]);
    expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'text-delta', 'finish']);
  });
});
