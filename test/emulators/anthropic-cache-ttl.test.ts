import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { oneHourCacheBreakpoints, oneHourWrites } from './anthropic-cache-ttl.js';
import { type Emulator, startAnthropicEmulator } from './index.js';
import { anthropicHeaders, parseSse, post } from './test-helpers.js';

const oneHour = { type: 'ephemeral', ttl: '1h' };
const fiveMinutes = { type: 'ephemeral' };
const long = (n: number) => 'x'.repeat(n * 4); // n tokens at the emulator's chars/4

describe('oneHourCacheBreakpoints', () => {
  it('finds no one-hour breakpoint in a request with none or with five-minute ones only', () => {
    expect(oneHourCacheBreakpoints({ messages: [{ role: 'user', content: 'hi' }] })).toBeUndefined();
    const fiveOnly = { system: [{ type: 'text', text: 'sys', cache_control: fiveMinutes }], messages: [] };
    expect(oneHourCacheBreakpoints(fiveOnly)).toBeUndefined();
  });

  it('writes everything for one hour when no five-minute breakpoint follows the last 1 h one', () => {
    const body = { system: [{ type: 'text', text: long(100), cache_control: oneHour }], messages: [] };
    const breakpoints = oneHourCacheBreakpoints(body);
    expect(breakpoints?.allOneHour).toBe(true);
    expect(breakpoints?.oneHourPrefixTokens).toBeGreaterThanOrEqual(100);
    expect(oneHourWrites(500, breakpoints)).toBe(500);
  });

  it('writes the prefix up to the last 1 h breakpoint for one hour, the rest for five minutes', () => {
    const body = {
      tools: [{ name: 't', description: long(50), input_schema: {}, cache_control: oneHour }],
      system: [{ type: 'text', text: long(100), cache_control: fiveMinutes }],
      messages: [{ role: 'user', content: 'q' }],
    };
    const breakpoints = oneHourCacheBreakpoints(body);
    expect(breakpoints?.allOneHour).toBe(false);
    expect(breakpoints?.oneHourPrefixTokens).toBeGreaterThanOrEqual(50);
    expect(oneHourWrites(150, breakpoints)).toBe(breakpoints?.oneHourPrefixTokens);
    expect(oneHourWrites(10, breakpoints)).toBe(10);
  });

  it('survives odd bodies', () => {
    for (const body of [null, 7, [], { system: 5, messages: 'x', tools: {} }, { messages: [null, { content: 3 }] }]) {
      expect(() => oneHourCacheBreakpoints(body)).not.toThrow();
    }
  });
});

describe('Anthropic emulator: cache writes by lifetime', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startAnthropicEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  const request = (extra: Record<string, unknown>) =>
    post(
      `${emu.url}/v1/messages`,
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        system: [{ type: 'text', text: long(40), cache_control: oneHour }],
        messages: [{ role: 'user', content: 'hi' }],
        ...extra,
      },
      anthropicHeaders,
    );

  it('reports 1 h writes in cache_creation for a request with a ttl: "1h" breakpoint (JSON)', async () => {
    emu.enqueue({ usage: { inputTokens: 2_100, cacheWriteTokens: 2_000 } });
    const body = JSON.parse((await request({})).text);
    expect(body.usage).toMatchObject({
      input_tokens: 100,
      cache_creation_input_tokens: 2_000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2_000 },
    });
  });

  it('reports them in message_start of a stream', async () => {
    emu.enqueue({ usage: { inputTokens: 2_100, cacheWriteTokens: 2_000 } });
    const frames = parseSse((await request({ stream: true })).text).map((frame) => JSON.parse(frame.data));
    const start = frames.find((frame) => frame.type === 'message_start');
    expect(start.message.usage.cache_creation).toEqual({
      ephemeral_5m_input_tokens: 0,
      ephemeral_1h_input_tokens: 2_000,
    });
    expect(start.message.usage.cache_creation_input_tokens).toBe(2_000);
  });

  it('keeps five-minute writes as such without a 1 h breakpoint, and obeys a scripted split', async () => {
    emu.enqueue({ usage: { inputTokens: 600, cacheWriteTokens: 500 } });
    const five = JSON.parse((await request({ system: 'plain' })).text);
    expect(five.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: 500, ephemeral_1h_input_tokens: 0 });
    emu.enqueue({ usage: { inputTokens: 600, cacheWriteTokens: 500, cacheWrite1hTokens: 200 } });
    const scripted = JSON.parse((await request({})).text);
    expect(scripted.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 200 });
  });
});
