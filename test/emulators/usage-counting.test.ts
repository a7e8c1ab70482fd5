import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startOpenAIEmulator } from './index.js';
import { openaiHeaders, parseSse, post } from './test-helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startOpenAIEmulator({ usageCounting: 'o200k' });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const chat = (body: Record<string, unknown>) =>
  post(`${emulator.url}/chat/completions`, { model: 'gpt-4.1-mini', ...body }, openaiHeaders).then((reply) =>
    JSON.parse(reply.text),
  );

describe('OpenAI emulator usage counting', () => {
  it('o200k: counts the prompt like OpenAI (o200k + 3 a message + 3) and cuts the answer in tokens', async () => {
    const text = 'a1'.repeat(4_000);
    const reply = await chat({ messages: [{ role: 'user', content: text }], max_tokens: 3 });
    expect(reply.usage.prompt_tokens).toBe(o200kCount(text) + 3 + 3);
    expect(reply.usage.completion_tokens).toBeLessThanOrEqual(3);
    expect(o200kCount(reply.choices[0].message.content)).toBe(reply.usage.completion_tokens);
    expect(reply.choices[0].finish_reason).toBe('length');
  });

  it('o200k: reports the tokens of the whole answer when it fits, in a stream too', async () => {
    const reply = await post(
      `${emulator.url}/chat/completions`,
      {
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: '漢字 and emoji 😀' }],
        stream: true,
        stream_options: { include_usage: true },
      },
      openaiHeaders,
    );
    const chunks = parseSse(reply.text)
      .filter((event) => event.data !== '[DONE]')
      .map((event) => JSON.parse(event.data));
    const answer = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(chunks.at(-1).usage.completion_tokens).toBe(o200kCount(answer));
  });

  it('maximum: a token per byte of every message string, 4 a message, and the whole output budget', async () => {
    emulator.setScript({ usageCounting: 'maximum' });
    const text = '漢字测试';
    const reply = await chat({ messages: [{ role: 'user', content: text }], max_tokens: 50, n: 2 });
    expect(reply.usage.prompt_tokens).toBe(3 + 4 + Buffer.byteLength('user') + Buffer.byteLength(text));
    expect(reply.usage.completion_tokens).toBe(100);
  });

  it('a script step’s own usage wins over the counting mode', async () => {
    emulator.setScript({ usage: { inputTokens: 7, outputTokens: 9 } });
    const reply = await chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 9 });
  });
});
