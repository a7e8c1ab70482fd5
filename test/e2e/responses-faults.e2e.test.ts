import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulators/types.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

/**
 * Failures as a client of the official `openai` package sees them on `client.responses`: upstream
 * 429 and 5xx, an error after HTTP 200, bad input and bad keys, all in OpenAI's envelope; and the
 * request log names the surface.
 */
let gateway: Gateway;
let openai: OpenAI;

beforeAll(async () => {
  gateway = await startGateway();
  openai = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
});
afterEach(() => {
  for (const emulator of [gateway.openai, gateway.anthropic, gateway.gemini, gateway.deepseek]) emulator.reset();
});
afterAll(async () => gateway?.close());

const FAMILIES: Array<[string, () => Emulator]> = [
  ['gpt-4.1-mini', () => gateway.openai],
  ['claude-sonnet-4-5', () => gateway.anthropic],
  ['gemini-2.5-flash-lite', () => gateway.gemini],
  ['deepseek-chat', () => gateway.deepseek],
];

describe('Responses failures through the official SDK', () => {
  it.each(FAMILIES)(
    '%s: an upstream 429 reaches the SDK as a RateLimitError with retry-after',
    async (model, upstream) => {
      upstream().setScript({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 7 } });
      const error = await openai.responses.create({ model, input: 'hi' }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('7');
      expect((error as InstanceType<typeof OpenAI.RateLimitError>).error).toMatchObject({ type: 'rate_limit_error' });
    },
  );

  it.each(FAMILIES)('%s: an upstream 5xx is a 5xx in the OpenAI envelope, stream or not', async (model, upstream) => {
    upstream().setScript({ fault: { type: 'http-error', status: 500, message: 'upstream broke' } });
    const json = await openai.responses.create({ model, input: 'hi' }).catch((thrown: unknown) => thrown);
    expect(json).toBeInstanceOf(OpenAI.APIError);
    expect((json as InstanceType<typeof OpenAI.APIError>).status).toBeGreaterThanOrEqual(500);
    expect((json as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ message: expect.any(String) });
    const stream = openai.responses.stream({ model, input: 'hi' });
    await expect(stream.finalResponse()).rejects.toMatchObject({ status: expect.any(Number) });
  });

  it.each(FAMILIES)(
    '%s: an error after HTTP 200 reaches the SDK as a thrown error, after the started answer',
    async (model, upstream) => {
      // After some text (Anthropic's first frames are message_start, content_block_start and ping).
      upstream().enqueue({ fault: { type: 'in-band-error', afterChunks: 6, message: 'broke mid-way' }, chunkCount: 8 });
      const types: string[] = [];
      const failure = await (async () => {
        for await (const event of await openai.responses.create({
          model,
          input: 'a long answer please',
          stream: true,
        })) {
          types.push(event.type);
        }
      })().catch((thrown: unknown) => thrown);
      // The SDK throws on the `error` event; what came before is a started answer.
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      expect(types).toContain('response.created');
      expect(types).toContain('response.output_text.delta');
      expect(types).not.toContain('response.completed');
    },
  );

  it('bad input and bad keys answer in the OpenAI envelope', async () => {
    await expect(
      openai.responses.create({ model: 'gpt-4.1-mini', input: [{ type: 'nonsense' } as never] }),
    ).rejects.toMatchObject({
      status: 400,
      error: { type: 'invalid_request_error', param: 'input[0].type' },
    });
    await expect(
      openai.responses.create({ model: 'gpt-4.1-mini', input: 'hi', max_output_tokens: -1 }),
    ).rejects.toMatchObject({ status: 400, error: { param: 'max_output_tokens' } });
    const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: gateway.baseURL, maxRetries: 0 });
    await expect(bad.responses.create({ model: 'gpt-4.1-mini', input: 'hi' })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    await expect(bad.responses.retrieve('resp_x')).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const raw = await fetch(`${gateway.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: '{"model": ',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_json' } });
  });

  it('a live web_search cannot run on another vendor: a 400 naming it', async () => {
    await expect(
      openai.responses.create({ model: 'claude-sonnet-4-5', input: 'news?', tools: [{ type: 'web_search' }] }),
    ).rejects.toMatchObject({ status: 400, error: { param: 'tools', message: expect.stringContaining('web_search') } });
  });

  it('the request log says openai-responses', async () => {
    const { data, response } = await openai.responses.create({ model: 'gpt-4.1-mini', input: 'log me' }).withResponse();
    const requestId = response.headers.get('x-request-id');
    expect(data.status).toBe('completed');
    let row: { surface?: string } | undefined;
    for (let i = 0; i < 100 && !row; i++) {
      const reply = await fetch(`${gateway.origin}/api/logs/${requestId}`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      if (reply.status === 200) row = (await reply.json()) as { surface?: string };
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(row?.surface).toBe('openai-responses');
    const listed = await fetch(`${gateway.origin}/api/logs?api=openai-responses`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const rows = ((await listed.json()) as { data: Array<{ id: string; surface: string }> }).data;
    expect(rows.map((entry) => entry.id)).toContain(requestId);
    expect(new Set(rows.map((entry) => entry.surface))).toEqual(new Set(['openai-responses']));
  });
});
