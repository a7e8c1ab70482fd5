import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startOpenAIEmulator } from './index.js';
import { openaiHeaders, parseSse, post } from './test-helpers.js';

/** The OpenAI emulator's Responses API, read by the official SDK (which checks OpenAI's event grammar as it streams). */
let emu: Emulator;
let compat: Emulator;
let client: OpenAI;
beforeAll(async () => {
  [emu, compat] = await Promise.all([startOpenAIEmulator(), startOpenAIEmulator({ responses: false })]);
  client = new OpenAI({ apiKey: 'test-key', baseURL: emu.url, maxRetries: 0 });
});
afterAll(async () => Promise.all([emu.close(), compat.close()]));
beforeEach(() => emu.reset());

const weather = {
  type: 'function' as const,
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
  strict: false,
};

describe('OpenAI emulator: POST /v1/responses', () => {
  it('JSON: the echo text, chars/4 usage in Responses fields, fields AIHub never writes', async () => {
    const response = await client.responses.create({ model: 'gpt-5', input: 'Hello there', instructions: 'Brief.' });
    expect(emu.requests[0].path).toBe('/v1/responses');
    expect(response).toMatchObject({ object: 'response', status: 'completed', model: 'gpt-5', instructions: 'Brief.' });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output_text).toBe('Hello from OpenAI emulator: Hello there');
    expect(response.usage).toMatchObject({
      input_tokens: Math.ceil('Brief.Hello there'.length / 4),
      input_tokens_details: { cached_tokens: 0 },
      output_tokens_details: { reasoning_tokens: 0 },
    });
    expect((response as unknown as { billing: unknown }).billing).toEqual({ payer: 'developer' });
  });

  it('stream: created … completed with consecutive sequence numbers, assembled by the SDK', async () => {
    const stream = client.responses.stream({ model: 'gpt-5', input: 'Stream it' });
    const types: string[] = [];
    stream.on('event', (event) => types.push(event.type));
    const final = await stream.finalResponse();
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(types).toContain('response.output_text.delta');
    expect(final.output.find((item) => item.type === 'message')).toMatchObject({ status: 'completed' });
    const raw = await post(`${emu.url}/responses`, { model: 'gpt-5', input: 'x', stream: true }, openaiHeaders);
    const events = parseSse(raw.text);
    expect(events.map((event) => JSON.parse(event.data).sequence_number)).toEqual(events.map((_e, index) => index));
    expect(events.every((event) => event.event === JSON.parse(event.data).type)).toBe(true);
  });

  it('scripted web searches: a web_search_call item each, streamed with their search events', async () => {
    emu.enqueue({ webSearches: 2 }, { webSearches: 2 });
    const tools = [{ type: 'web_search' as const }];
    const whole = await client.responses.create({ model: 'gpt-5', input: 'News?', tools });
    expect(whole.output.map((item) => item.type)).toEqual(['web_search_call', 'web_search_call', 'message']);
    expect(whole.output[0]).toMatchObject({ status: 'completed', action: { type: 'search', query: 'search 1' } });
    const stream = client.responses.stream({ model: 'gpt-5', input: 'News?', tools });
    const types: string[] = [];
    stream.on('event', (event) => types.push(event.type));
    const final = await stream.finalResponse();
    expect(types.filter((type) => type === 'response.web_search_call.searching')).toHaveLength(2);
    expect(final.output.filter((item) => item.type === 'web_search_call')).toHaveLength(2);
  });

  it('function, custom and local_shell calls as OpenAI answers them', async () => {
    const call = await client.responses.create({ model: 'gpt-5', input: 'weather in Paris?', tools: [weather] });
    expect(call.output.find((item) => item.type === 'function_call')).toMatchObject({ name: 'get_weather' });
    emu.enqueue({ toolCalls: [{ name: 'apply_patch', arguments: { input: '*** Begin Patch' } }] });
    const custom = await client.responses
      .stream({ model: 'gpt-5', input: 'patch', tools: [{ type: 'custom', name: 'apply_patch' }] })
      .finalResponse();
    expect(custom.output.find((item) => item.type === 'custom_tool_call')).toMatchObject({ input: '*** Begin Patch' });
    emu.enqueue({ toolCalls: [{ name: 'local_shell', arguments: { command: ['ls'] } }] });
    const shell = await client.responses.create({ model: 'codex-mini', input: 'ls', tools: [{ type: 'local_shell' }] });
    expect(shell.output.find((item) => item.type === 'local_shell_call')).toMatchObject({
      action: { type: 'exec', command: ['ls'] },
    });
  });

  it('reasoning: a summary when asked, encrypted_content when included, counted in reasoning_tokens', async () => {
    const response = await client.responses.create({
      model: 'gpt-5',
      input: 'Think',
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
    });
    const reasoning = response.output.find((item) => item.type === 'reasoning');
    expect(reasoning?.summary[0]?.text).toContain('I will answer');
    expect(reasoning?.encrypted_content).toMatch(/^gAAAAB/);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('max_output_tokens below the answer: incomplete for max_output_tokens', async () => {
    const response = await client.responses.create({
      model: 'gpt-5',
      input: 'a long question here',
      max_output_tokens: 2,
    });
    expect(response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
  });

  it('an in-band error is an error event then response.failed; the SDK throws its message', async () => {
    emu.enqueue({ fault: { type: 'in-band-error', afterChunks: 3, message: 'broke mid-way' } });
    const raw = await post(`${emu.url}/responses`, { model: 'gpt-5', input: 'x', stream: true }, openaiHeaders);
    const tail = parseSse(raw.text).slice(-2);
    expect(tail.map((event) => event.event)).toEqual(['error', 'response.failed']);
    expect(JSON.parse(tail[1].data)).toMatchObject({ sequence_number: 4, response: { status: 'failed' } });
    emu.enqueue({ fault: { type: 'in-band-error', afterChunks: 3, message: 'broke mid-way' } });
    await expect(client.responses.stream({ model: 'gpt-5', input: 'x' }).finalResponse()).rejects.toThrow(
      'broke mid-way',
    );
  });

  it('a compatible vendor (responses: false) answers 404, as an unknown route', async () => {
    const reply = await post(`${compat.url}/responses`, { model: 'gpt-5', input: 'x' }, openaiHeaders);
    expect(reply.status).toBe(404);
  });
});
