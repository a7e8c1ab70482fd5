/**
 * The official `@anthropic-ai/sdk` against the real server when things go wrong: upstream 429s
 * (with retry-after) and 5xx, answered in Anthropic's envelope so that the SDK throws its own
 * error classes, or failed over to another channel where one serves the model; an upstream error
 * after HTTP 200 reaching the SDK as an error; bad input and bad keys (x-api-key and Bearer).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startAnthropicEmulator, startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { FAMILIES, FAMILIES_BY_MODE } from './anthropic-sdk-families.js';
import { ADMIN_KEY, type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';

let gateway: Gateway;
let client: Anthropic;
/** Preferred (A) and fallback (B) upstreams of the failover channels. */
let claudeA: Emulator;
let claudeB: Emulator;
let gptA: Emulator;
let gptB: Emulator;
let configDir: string;

// Each failover case has its own pair of channels (and model), so one case's cooldown never steers another.
const FAILOVER_CASES = [
  { model: 'claude-haiku-4-5', type: 'anthropic', fault: 429 },
  { model: 'claude-opus-4-1', type: 'anthropic', fault: 529 },
  { model: 'gpt-4.1-nano', type: 'openai', fault: 503 },
] as const;

beforeAll(async () => {
  [claudeA, claudeB, gptA, gptB] = await Promise.all([
    startAnthropicEmulator({ label: 'Claude A' }),
    startAnthropicEmulator({ label: 'Claude B' }),
    startOpenAIEmulator({ label: 'GPT A' }),
    startOpenAIEmulator({ label: 'GPT B' }),
  ]);
  configDir = mkdtempSync(join(tmpdir(), 'aihub-messages-faults-'));
  const configPath = join(configDir, 'aihub.yaml');
  const channels = FAILOVER_CASES.flatMap(({ model, type }) => {
    const [a, b] = type === 'anthropic' ? [claudeA, claudeB] : [gptA, gptB];
    return [
      { name: `${model}-a`, type, base_url: a.url, key: UPSTREAM_KEY, models: [model], priority: 20 },
      { name: `${model}-b`, type, base_url: b.url, key: UPSTREAM_KEY, models: [model], priority: 10 },
    ];
  });
  writeFileSync(configPath, stringify({ channels }));
  gateway = await startGateway({ AIHUB_CONFIG: configPath });
  client = new Anthropic({ apiKey: ADMIN_KEY, baseURL: gateway.origin, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([claudeA, claudeB, gptA, gptB].map((emulator) => emulator?.close()));
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

type Params = Anthropic.MessageCreateParamsNonStreaming;

async function ask(params: Params, mode: 'json' | 'stream', sdk = client): Promise<Anthropic.Message> {
  if (mode === 'json') return sdk.messages.create(params);
  return sdk.messages.stream(params).finalMessage();
}

/** What the SDK threw (the test fails if it did not throw). */
async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

const hello = (model: string): Params => ({
  model,
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Say hello' }],
});

describe('upstream errors in Anthropic’s envelope, no other channel', () => {
  it.each(FAMILIES_BY_MODE)(
    'turns an upstream 429 from %s (%s) into RateLimitError with retry-after',
    async (model, mode, family) => {
      family.upstream(gateway).enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 37 } });
      const error = await thrown(ask(hello(model), mode));
      expect(error).toBeInstanceOf(Anthropic.RateLimitError);
      const rateLimit = error as InstanceType<typeof Anthropic.RateLimitError>;
      expect(rateLimit.status).toBe(429);
      expect(Number(rateLimit.headers?.get('retry-after'))).toBeGreaterThan(0);
      expect(rateLimit.headers?.get('request-id')).toBeTruthy();
      expect(rateLimit.requestID).toBe(rateLimit.headers?.get('request-id'));
      expect(rateLimit.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    },
  );

  it.each(FAMILIES_BY_MODE)('turns an upstream 500 from %s (%s) into a 5xx SDK error', async (model, mode, family) => {
    family.upstream(gateway).enqueue({ fault: { type: 'http-error', status: 500, message: 'upstream broke' } });
    const error = await thrown(ask(hello(model), mode));
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    const serverError = error as InstanceType<typeof Anthropic.InternalServerError>;
    expect(serverError.status).toBeGreaterThanOrEqual(500);
    expect(serverError.error).toMatchObject({ type: 'error', error: { type: expect.stringMatching(/_error$/) } });
  });

  it('passes Anthropic’s 529 overloaded_error through as the SDK’s overloaded error', async () => {
    gateway.anthropic.enqueue({ fault: { type: 'http-error', status: 529, errorType: 'overloaded_error' } });
    const error = await thrown(ask(hello('claude-sonnet-4-5'), 'json'));
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    });
  });
});

describe('failover to another channel serving the model', () => {
  it.each(
    FAILOVER_CASES.flatMap((c) => [[c.model, c.fault, 'json', c] as const, [c.model, c.fault, 'stream', c] as const]),
  )('answers %s from the fallback after the preferred channel’s %i (%s)', async (model, fault, mode, { type }) => {
    const [a, b] = type === 'anthropic' ? [claudeA, claudeB] : [gptA, gptB];
    a.reset();
    b.reset();
    a.setScript({ fault: { type: 'http-error', status: fault, retryAfterSeconds: 1 } });
    try {
      const message = await ask(hello(model), mode);
      expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining(' B emulator') });
      expect(b.requestCount).toBe(1);
    } finally {
      a.setScript(undefined);
    }
  });
});

describe('an upstream error after HTTP 200', () => {
  it.each(FAMILIES)('reaches the SDK as an error event mid-stream ($model)', async (family) => {
    family.upstream(gateway).enqueue({ fault: { type: 'in-band-error', afterChunks: 5, message: 'went away' } });
    const stream = client.messages.stream(hello(family.model));
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const error = await thrown(stream.finalMessage());
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.error).toMatchObject({ type: 'error', error: { type: expect.stringMatching(/_error$/) } });
    expect(texts.join('')).not.toBe('');
  });
});

describe('an upstream error event before any content', () => {
  it('is answered as an HTTP error in Anthropic’s envelope, the stream not yet begun (Claude pass-through)', async () => {
    // message_start and content_block_start, then the error: nothing with content was sent yet.
    gateway.anthropic.enqueue({ fault: { type: 'in-band-error', afterChunks: 2, errorType: 'overloaded_error' } });
    const error = await thrown(client.messages.stream(hello('claude-sonnet-4-5')).finalMessage());
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBeGreaterThanOrEqual(500);
    expect(apiError.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });
});

describe('bad input and bad keys in Anthropic’s envelope', () => {
  it.each([
    ['x-api-key', () => new Anthropic({ apiKey: 'sk-wrong', baseURL: gateway.origin, maxRetries: 0 })],
    [
      'Authorization: Bearer',
      () => new Anthropic({ apiKey: null, authToken: 'sk-wrong', baseURL: gateway.origin, maxRetries: 0 }),
    ],
  ] as const)('rejects a wrong key sent as %s with AuthenticationError', async (_header, make) => {
    const before = gateway.anthropic.requestCount;
    const error = await thrown(make().messages.create(hello('claude-sonnet-4-5')));
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(gateway.anthropic.requestCount).toBe(before);
    const auth = error as InstanceType<typeof Anthropic.AuthenticationError>;
    expect(auth.error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(auth.requestID).toBeTruthy();
  });

  it('rejects a request without any key', async () => {
    const response = await fetch(`${gateway.origin}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(hello('claude-sonnet-4-5')),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it.each([
    ['max_tokens missing', { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] }, 'max_tokens'],
    ['messages not a list', { model: 'gpt-4.1-mini', max_tokens: 5, messages: 'hi' }, 'messages'],
    [
      'an image block without its source',
      { model: 'gemini-2.5-flash-lite', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'image' }] }] },
      'messages.0.content.0.source',
    ],
    ['a negative max_tokens', { model: 'deepseek-chat', max_tokens: -1, messages: [] }, 'max_tokens'],
  ])('answers %s with BadRequestError naming the field', async (_case, body, field) => {
    const before = FAMILIES.map((family) => family.upstream(gateway).requestCount);
    const error = await thrown(client.messages.create(body as unknown as Params));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const badRequest = error as InstanceType<typeof Anthropic.BadRequestError>;
    expect(badRequest.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(badRequest.message).toContain(field);
    expect(FAMILIES.map((family) => family.upstream(gateway).requestCount)).toEqual(before);
  });

  it('answers an unknown model with NotFoundError', async () => {
    const error = await thrown(client.messages.create(hello('no-such-model')));
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error' },
    });
  });
});
