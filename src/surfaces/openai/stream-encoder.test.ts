import { describe, expect, it } from 'vitest';
import { GatewayError, type StreamPart } from '../../ir/index.js';
import { ChatCompletionStreamEncoder } from './stream-encoder.js';

function chunks(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => frame.replace(/^data: /, ''))
    .map((data) => (data === '[DONE]' ? '[DONE]' : JSON.parse(data)));
}

function run(parts: StreamPart[], includeUsage = true, reasoningFormat?: string): unknown[] {
  const encoder = new ChatCompletionStreamEncoder({
    id: 'chatcmpl-1',
    created: 100,
    model: 'm',
    includeUsage,
    reasoningFormat,
  });
  return chunks(parts.map((part) => encoder.encode(part)).join('') + encoder.end());
}

const usage = { inputTokens: { total: 10, cacheRead: 4 }, outputTokens: { total: 7, reasoning: 3 } };

describe('ChatCompletionStreamEncoder', () => {
  it('emits role first, content deltas, finish, the usage chunk and [DONE]', () => {
    const out = run([
      { type: 'response-metadata', model: 'served-model' },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'usage', usage },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
    ]);
    expect(out).toEqual([
      expect.objectContaining({
        model: 'served-model',
        choices: [expect.objectContaining({ delta: { role: 'assistant', content: 'Hel' } })],
      }),
      expect.objectContaining({ choices: [expect.objectContaining({ delta: { content: 'lo' } })] }),
      expect.objectContaining({
        choices: [expect.objectContaining({ delta: {}, finish_reason: 'stop', native_finish_reason: 'end_turn' })],
      }),
      expect.objectContaining({
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 7,
          total_tokens: 17,
          prompt_tokens_details: { cached_tokens: 4 },
          completion_tokens_details: { reasoning_tokens: 3 },
        },
      }),
      '[DONE]',
    ]);
  });

  it('omits the usage chunk when the client did not ask for it', () => {
    const out = run(
      [
        { type: 'usage', usage },
        { type: 'finish', finishReason: { unified: 'stop' } },
      ],
      false,
    );
    expect(out.at(-2)).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
    expect(out.at(-1)).toBe('[DONE]');
  });

  it('streams tool calls with stable ids, indexes and embedded signatures', () => {
    const out = run([
      { type: 'tool-call-start', index: 0, id: 'call_a', name: 'f', signature: 'sig' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":' },
      { type: 'tool-call-start', index: 1, id: 'call_b', name: 'g' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
    ]) as Array<{ choices: Array<{ delta: { tool_calls?: unknown[] }; finish_reason: string | null }> }>;
    const toolDeltas = out.slice(0, 5).map((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]);
    expect(toolDeltas).toEqual([
      { index: 0, id: 'call_a__sig__sig', type: 'function', function: { name: 'f', arguments: '' } },
      { index: 0, function: { arguments: '{"x":' } },
      { index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '' } },
      { index: 0, function: { arguments: '1}' } },
      { index: 1, function: { arguments: '{}' } },
    ]);
    expect(out[5]?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams reasoning as reasoning_content and the signature as reasoning_details', () => {
    const out = run(
      [
        { type: 'reasoning-delta', delta: 'Think' },
        { type: 'reasoning-signature', signature: 'EqQB' },
        { type: 'text-delta', delta: 'Answer' },
      ],
      false,
      'anthropic-claude-v1',
    ) as Array<{ choices: Array<{ delta: Record<string, unknown> }> }>;
    expect(out[0]?.choices[0]?.delta).toEqual({ role: 'assistant', reasoning_content: 'Think' });
    expect(out[1]?.choices[0]?.delta).toEqual({
      reasoning_details: [{ type: 'reasoning.text', signature: 'EqQB', index: 0, format: 'anthropic-claude-v1' }],
    });
    expect(out[2]?.choices[0]?.delta).toEqual({ content: 'Answer' });
  });

  it('interleaves choices for n>1 with a role on each first delta', () => {
    const out = run([
      { type: 'text-delta', choice: 0, delta: 'a' },
      { type: 'text-delta', choice: 1, delta: 'b' },
      { type: 'text-delta', choice: 0, delta: 'c' },
    ]) as Array<{ choices: Array<{ index: number; delta: Record<string, unknown> }> }>;
    expect(out.slice(0, 3).map((chunk) => chunk.choices[0])).toEqual([
      expect.objectContaining({ index: 0, delta: { role: 'assistant', content: 'a' } }),
      expect.objectContaining({ index: 1, delta: { role: 'assistant', content: 'b' } }),
      expect.objectContaining({ index: 0, delta: { content: 'c' } }),
    ]);
  });

  it('renders an in-band error in the OpenAI envelope', () => {
    const encoder = new ChatCompletionStreamEncoder({ id: 'x', created: 1, model: 'm', includeUsage: false });
    const text = encoder.encode({
      type: 'error',
      error: new GatewayError({ kind: 'overloaded', message: 'Overloaded' }),
    });
    expect(chunks(text)).toEqual([
      { error: { message: 'Overloaded', type: 'upstream_error', param: null, code: 'upstream_overloaded' } },
    ]);
  });
});

describe('ChatCompletionStreamEncoder.forward (OpenAI’s own chunks)', () => {
  const chunk = (rest: string) =>
    `{"id":"chatcmpl-up","object":"chat.completion.chunk","created":5,"model":"gpt-4o-2024-08-06",${rest}}`;
  const encoder = (includeUsage: boolean) =>
    new ChatCompletionStreamEncoder({ id: 'chatcmpl-ours', created: 100, model: 'gpt-4o', includeUsage });
  const text = (delta: string): StreamPart => ({ type: 'text-delta', choice: 0, delta });

  it('splices our id into the chunk and nothing else', () => {
    const data = chunk('"choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]');
    expect(encoder(false).forward(data, [text('Hi')])).toBe(
      `data: ${data.replace('chatcmpl-up', 'chatcmpl-ours')}\n\n`,
    );
  });

  it('takes the state of forwarded chunks, so encoded ones that follow stay consistent', () => {
    const stream = encoder(true);
    const data = chunk('"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]');
    stream.forward(data, [{ type: 'response-metadata', model: 'gpt-4o-2024-08-06', created: 5 }, text('Hi')]);
    // No role on the encoded delta: the upstream announced it; the model and created are the upstream's.
    expect(chunks(stream.encode(text('!')))).toEqual([
      expect.objectContaining({
        id: 'chatcmpl-ours',
        model: 'gpt-4o-2024-08-06',
        created: 5,
        choices: [expect.objectContaining({ delta: { content: '!' } })],
      }),
    ]);
  });

  it('keeps the usage chunk, when asked for, to send it as it came from end() with the cost added', () => {
    const data = chunk(
      '"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":7,"total_tokens":17,"prompt_tokens_details":{"audio_tokens":0}}',
    );
    const parts: StreamPart[] = [{ type: 'usage', usage }];
    const cost = { cost: 0.0005, cost_details: { prompt_cost: 0.0001, completion_cost: 0.0004, other_cost: 0 } };

    const asked = encoder(true);
    expect(asked.forward(data, parts)).toBe('');
    expect(asked.lastUsage).toEqual(usage);
    const [usageFrame, done] = asked.end(cost).split(/(?<=\n\n)/);
    expect(done).toBe('data: [DONE]\n\n');
    const sent = JSON.parse(usageFrame!.slice('data: '.length));
    expect(sent.id).toBe('chatcmpl-ours');
    // OpenAI's own members (audio_tokens, which AIHub does not model) survive beside the cost.
    expect(sent.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 7,
      total_tokens: 17,
      prompt_tokens_details: { audio_tokens: 0 },
      ...cost,
    });

    // Without a settlement (it failed), the chunk goes as it came.
    const unsettled = encoder(true);
    unsettled.forward(data, parts);
    expect(unsettled.end()).toBe(`data: ${data.replace('chatcmpl-up', 'chatcmpl-ours')}\n\ndata: [DONE]\n\n`);

    const notAsked = encoder(false);
    expect(notAsked.forward(data, parts)).toBe('');
    expect(notAsked.end()).toBe('data: [DONE]\n\n');
    expect(notAsked.lastUsage).toEqual(usage);
  });

  it('declines what AIHub changes on the way', () => {
    const data = chunk('"choices":[{"index":0,"delta":{"content":"x"}}]');
    const declined: StreamPart[][] = [
      [{ type: 'reasoning-delta', choice: 0, delta: 'thinking' }],
      [{ type: 'reasoning-signature', choice: 0, signature: 'sig' }],
      // An id the decoder generated: the upstream's chunk does not carry it.
      [{ type: 'tool-call-start', choice: 0, index: 0, id: 'call_generated1', name: 'f' }],
      // Usage beside content: the content is encoded, the usage goes in the closing chunk.
      [text('x'), { type: 'usage', usage }],
    ];
    for (const parts of declined) expect(encoder(false).forward(data, parts)).toBeUndefined();
    expect(encoder(false).forward('{"object":"chat.completion.chunk","id":"x"}', [text('x')])).toBeUndefined();
  });

  it('forwards a tool call whose id is the upstream’s', () => {
    const data = chunk(
      '"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]}}]',
    );
    const parts: StreamPart[] = [{ type: 'tool-call-start', choice: 0, index: 0, id: 'call_1', name: 'f' }];
    expect(encoder(false).forward(data, parts)).toContain('"id":"call_1"');
  });
});
