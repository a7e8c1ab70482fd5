import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chat, type FailoverGateway, startFailoverGateway, streamText } from '../../test/e2e/failover-harness.js';
import { ask, frames, sse } from './test-fixtures.js';

/**
 * A Chat Completions client on OpenAI itself: the request is translated, but the stream comes back
 * as OpenAI wrote it, chunk by chunk, with only our id spliced in (stream-relay.ts, chunk-splicer.ts).
 * What AIHub defines stays: our id, usage only when asked, the closing frames after the charge
 * (settle-before-last-byte.test.ts), failover before the first content, an in-band error after.
 */
let env: FailoverGateway;

beforeAll(async () => {
  env = await startFailoverGateway((a, b) => [
    { name: 'openai-a', type: 'openai', base_url: a.url, key: 'test-key', models: ['gpt-4o-mini'], priority: 10 },
    { name: 'openai-b', type: 'openai', base_url: b.url, key: 'test-key', models: ['gpt-4o-mini'] },
    // An OpenAI-compatible vendor on the same emulator: its chunks are encoded again.
    { name: 'deepseek', type: 'deepseek', base_url: a.url, key: 'test-key', models: ['compat-model'] },
  ]);
});
afterAll(() => env?.close());
beforeEach(() => {
  env.a.reset();
  env.b.reset();
  env.gateway.app.deps.routeHealth.reset();
});

/** One chunk the way OpenAI writes it. */
function openaiChunk(choices: unknown[], extra = ''): string {
  return `{"id":"chatcmpl-upstream","object":"chat.completion.chunk","created":1770933892,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_1","choices":${JSON.stringify(choices)}${extra}}`;
}
const delta = (d: Record<string, unknown>, finish: string | null = null) =>
  openaiChunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }], ',"usage":null,"obfuscation":"xy"');

describe('a Chat Completions stream from OpenAI itself', () => {
  it('is forwarded: fields AIHub does not model survive, the id is ours, model and created the upstream’s', async () => {
    const reply = await chat(env.gateway, ask('gpt-4o-mini', true));
    const ourId = `chatcmpl-${reply.headers.get('x-request-id')}`;
    const events = reply.events().filter((event) => event !== '[DONE]');
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) {
      expect(event).toMatchObject({ id: ourId, object: 'chat.completion.chunk', service_tier: 'default' });
      expect(event.obfuscation).toEqual(expect.any(String));
      expect(event.model).toBe('gpt-4o-mini');
    }
    expect(events[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(events.filter((event) => event.choices[0]?.delta?.role)).toHaveLength(1);
    expect(reply.text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('sends the usage chunk, OpenAI’s own, only when the client asked for it', async () => {
    const without = await chat(env.gateway, ask('gpt-4o-mini', false));
    expect(without.events().some((event) => event !== '[DONE]' && 'usage' in event)).toBe(false);
    expect(env.a.requests.at(-1)?.body.stream_options).toEqual({ include_usage: true }); // asked upstream, to bill

    const withUsage = (await chat(env.gateway, ask('gpt-4o-mini', true))).events();
    const usage = withUsage.filter((event) => event !== '[DONE]' && event.usage);
    expect(usage).toHaveLength(1);
    expect(withUsage.at(-2)).toBe(usage[0]);
    // OpenAI's fields beyond those AIHub encodes itself.
    expect(usage[0].usage.completion_tokens_details.accepted_prediction_tokens).toBe(0);
    expect(usage[0].usage.prompt_tokens_details.audio_tokens).toBe(0);
    expect(usage[0].choices).toEqual([]);
  });

  it('fails over before the first content: what the first channel sent before it never reaches the client', async () => {
    env.a.enqueue({
      fault: { type: 'raw', chunks: [...sse([delta({ role: 'assistant', content: '' })])], end: 'reset' },
    });
    const reply = await chat(env.gateway, ask('gpt-4o-mini', false));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-aihub-attempts')).toBe('2');
    const events = reply.events();
    expect(streamText(events)).toContain('Hello from B emulator');
    expect(events.filter((event) => event !== '[DONE]' && event.choices[0]?.delta?.role)).toHaveLength(1);
    expect(events.every((event) => event === '[DONE]' || event.obfuscation !== 'xy')).toBe(true);
  });

  it('after the first content, a broken upstream ends the stream with an in-band error and [DONE]', async () => {
    env.a.enqueue({ fault: { type: 'reset-mid-stream', afterChunks: 3 } });
    const reply = await chat(env.gateway, ask('gpt-4o-mini', false));
    const events = reply.events();
    expect(reply.headers.get('x-aihub-attempts')).toBe('1');
    expect(streamText(events)).toContain('Hello');
    expect(events.at(-2).error).toBeDefined();
    expect(events.at(-1)).toBe('[DONE]');
    expect(env.b.requests).toHaveLength(0);
  });

  it('encodes what it cannot forward, and the client sees one consistent stream', async () => {
    const reordered = `{"object":"chat.completion.chunk","id":"chatcmpl-upstream","created":1770933892,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","choices":[{"index":0,"delta":{"content":"lo"},"logprobs":null,"finish_reason":null}]}`;
    env.a.enqueue({
      fault: {
        type: 'raw',
        chunks: sse([
          delta({ role: 'assistant', content: '' }),
          delta({ content: 'Hel' }),
          reordered,
          delta({ reasoning_content: 'thinking' }),
          delta({ content: '!' }),
          delta({}, 'stop'),
          openaiChunk([], ',"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}'),
          '[DONE]',
        ]),
      },
    });
    const reply = await chat(env.gateway, ask('gpt-4o-mini', false));
    const ourId = `chatcmpl-${reply.headers.get('x-request-id')}`;
    const swap = (data: string) =>
      data.replace('"chatcmpl-upstream"', JSON.stringify(ourId)).replace(',"usage":null', '');
    const written = frames(reply.text);
    expect(written[0]).toBe(swap(delta({ role: 'assistant', content: '' })));
    expect(written[1]).toBe(swap(delta({ content: 'Hel' })));
    // The encoder's frames: our id, the upstream's model, no role again, reasoning in AIHub's field.
    const encoded = [JSON.parse(written[2] as string), JSON.parse(written[3] as string)];
    expect(encoded[0]).toMatchObject({ id: ourId, model: 'gpt-4o-mini-2024-07-18', created: 1770933892 });
    expect(encoded[0].choices[0].delta).toEqual({ content: 'lo' });
    expect(encoded[1].choices[0].delta).toEqual({ reasoning_content: 'thinking' });
    expect(written.slice(4)).toEqual([swap(delta({ content: '!' })), swap(delta({}, 'stop')), '[DONE]']);
  });
});

describe('an OpenAI-compatible vendor', () => {
  it('is encoded again, in AIHub’s normalised chunks', async () => {
    const reply = await chat(env.gateway, ask('compat-model', true));
    const ourId = `chatcmpl-${reply.headers.get('x-request-id')}`;
    const events = reply.events().filter((event) => event !== '[DONE]');
    expect(streamText(events)).toContain('Hello from A emulator');
    for (const event of events) {
      expect(event.id).toBe(ourId);
      expect(event.obfuscation).toBeUndefined();
      expect(event.service_tier).toBeUndefined();
    }
    expect(events[0].choices[0].delta.role).toBe('assistant');
    expect(events[0].choices[0].delta.content).toBeTruthy();
  });
});
