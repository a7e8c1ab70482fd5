/**
 * `POST /v1/messages/count_tokens` end to end with the official `@anthropic-ai/sdk`: a Claude model
 * on an Anthropic channel is counted by Anthropic (the emulator's count_tokens, model swapped,
 * beta header forwarded, the channel's key), in the router's order; a model of another vendor,
 * or every Anthropic channel failing, gets the gateway's estimate, and the failures leave route
 * health alone. Counts are rate-limited, refused for a model the key may not use, logged at no
 * cost and marked as counts; bad bodies are 400s in Anthropic's envelope.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { countMessagesTokens } from '../../src/surfaces/anthropic/index.js';
import { startAnthropicEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { ADMIN_KEY, type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

/** Served only by the two pool channels (A first), under an upstream name of its own. */
const POOL_MODEL = 'sonnet-pool';
const POOL_UPSTREAM_MODEL = 'claude-sonnet-4-5-20250929';
/** The pool channels' first-byte limit: a count waits on a silent upstream no longer than a generation would. */
const FIRST_BYTE_MS = 1_000;

let gateway: Gateway;
let admin: Anthropic;
let poolA: Emulator;
let poolB: Emulator;
let configDir: string;
let user: Session;
/** The headers of the SDK's last request, to compare with what the upstream received. */
let clientHeaders = new Headers();
const recordingFetch: typeof fetch = (input, init) => {
  clientHeaders = new Headers(init?.headers);
  return fetch(input, init);
};

beforeAll(async () => {
  [poolA, poolB] = await Promise.all([
    startAnthropicEmulator({ label: 'Pool A' }),
    startAnthropicEmulator({ label: 'Pool B' }),
  ]);
  configDir = mkdtempSync(join(tmpdir(), 'aihub-count-tokens-'));
  const configPath = join(configDir, 'aihub.yaml');
  const pool = (name: string, emulator: Emulator, priority: number) => ({
    name,
    type: 'anthropic',
    base_url: emulator.url,
    key: UPSTREAM_KEY,
    models: [POOL_MODEL],
    model_mapping: { [POOL_MODEL]: POOL_UPSTREAM_MODEL },
    priority,
    timeouts: { first_byte_ms: FIRST_BYTE_MS },
  });
  writeFileSync(configPath, stringify({ channels: [pool('pool-a', poolA, 20), pool('pool-b', poolB, 10)] }));
  gateway = await startGateway({ AIHUB_CONFIG: configPath });
  admin = new Anthropic({ apiKey: ADMIN_KEY, baseURL: gateway.origin, maxRetries: 0, fetch: recordingFetch });
  user = await register(gateway, 'counter@example.com');
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([poolA?.close(), poolB?.close()]);
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const emulator of [gateway.openai, gateway.anthropic, gateway.gemini, gateway.deepseek, poolA, poolB]) {
    emulator.reset();
  }
  gateway.app.deps.routeHealth.reset();
});

const prompt = {
  system: 'You are a careful counter.',
  messages: [{ role: 'user' as const, content: 'How many tokens does this sentence take?' }],
};

/** What the SDK threw (the test fails if it did not throw). */
async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

function healthIsUntouched(): void {
  expect(gateway.app.deps.routeHealth.snapshot()).toMatchObject({ cooldowns: [], openBreakers: [] });
}

describe('count_tokens on an Anthropic channel: Anthropic counts', () => {
  it('answers the upstream’s exact count, asked with the channel’s key', async () => {
    gateway.anthropic.enqueue({ usage: { inputTokens: 4321 } });
    const { data, response } = await admin.messages
      .countTokens({ model: 'claude-sonnet-4-5', ...prompt })
      .withResponse();
    expect(data).toEqual({ input_tokens: 4321 });
    expect(response.headers.get('request-id')).toBeTruthy();
    const sent = gateway.anthropic.requests;
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe('/v1/messages/count_tokens');
    expect(sent[0]?.headers['x-api-key']).toBe(UPSTREAM_KEY);
    expect(sent[0]?.headers['anthropic-version']).toBe(clientHeaders.get('anthropic-version'));
    expect(sent[0]?.body).toEqual({ model: 'claude-sonnet-4-5', ...prompt });
  });

  it('swaps in the channel’s upstream model and forwards the client’s beta flags', async () => {
    poolA.enqueue({ usage: { inputTokens: 77 } });
    const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } }];
    const counted = await admin.beta.messages.countTokens({
      model: POOL_MODEL,
      ...prompt,
      tools,
      betas: ['context-1m-2025-08-07'],
    });
    expect(counted.input_tokens).toBe(77);
    expect(poolB.requests).toHaveLength(0);
    const sent = poolA.requests[0];
    expect(sent?.body).toEqual({ model: POOL_UPSTREAM_MODEL, ...prompt, tools });
    // The SDK adds its own token-counting flag to ours: all of them reach Anthropic.
    expect(clientHeaders.get('anthropic-beta')?.split(',')).toContain('context-1m-2025-08-07');
    expect(sent?.headers['anthropic-beta']).toBe(clientHeaders.get('anthropic-beta'));
    expect(sent?.headers['anthropic-version']).toBe(clientHeaders.get('anthropic-version'));
  });

  it('tries the channels in the router’s order: the next one counts when the first fails', async () => {
    poolA.enqueue({ fault: { type: 'http-error', status: 529 } });
    poolB.enqueue({ usage: { inputTokens: 99 } });
    const counted = await admin.messages.countTokens({ model: POOL_MODEL, ...prompt });
    expect(counted.input_tokens).toBe(99);
    expect(poolA.requests).toHaveLength(1);
    expect(poolB.requests).toHaveLength(1);
    healthIsUntouched();
  });

  it('falls back to the estimate when every channel fails, and leaves their health alone', async () => {
    const estimate = countMessagesTokens({ body: { model: POOL_MODEL, ...prompt }, headers: {} }).input_tokens;
    // Enough failures to open A's breaker and cool B's key, were counts traffic.
    poolA.setScript({ fault: { type: 'http-error', status: 503 } });
    poolB.setScript({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 30 } });
    for (let round = 0; round < 6; round++) {
      const counted = await admin.messages.countTokens({ model: POOL_MODEL, ...prompt });
      expect(counted).toEqual({ input_tokens: estimate });
    }
    expect(poolA.requests).toHaveLength(6);
    expect(poolB.requests).toHaveLength(6);
    healthIsUntouched();

    // A 404 from an upstream without the endpoint, and a connection reset, are failures alike.
    poolA.setScript({ fault: { type: 'http-error', status: 404, errorType: 'not_found_error' } });
    poolB.setScript({ fault: { type: 'reset-before-headers' } });
    expect(await admin.messages.countTokens({ model: POOL_MODEL, ...prompt })).toEqual({ input_tokens: estimate });
    healthIsUntouched();

    // The first choice still serves generations at once.
    poolA.setScript(undefined);
    poolB.setScript(undefined);
    const { response } = await admin.messages.create({ model: POOL_MODEL, max_tokens: 32, ...prompt }).withResponse();
    expect(response.headers.get('x-aihub-attempts')).toBe('1');
    expect(poolA.requests.at(-1)?.path).toBe('/v1/messages');
  });
});

describe('count_tokens when an upstream is silent or the client leaves', () => {
  it('gives up on a silent channel after the channel’s first-byte limit and asks the next', async () => {
    poolA.enqueue({ fault: { type: 'hang-before-headers' } });
    poolB.enqueue({ usage: { inputTokens: 42 } });
    const started = performance.now();
    expect(await admin.messages.countTokens({ model: POOL_MODEL, ...prompt })).toEqual({ input_tokens: 42 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(FIRST_BYTE_MS - 50);
    await poolA.waitForAborted();
    healthIsUntouched();
  });

  it('stops the upstream count when the client goes away, and asks no other channel', async () => {
    poolA.enqueue({ fault: { type: 'hang-before-headers' } });
    const controller = new AbortController();
    const pending = admin.messages.countTokens({ model: POOL_MODEL, ...prompt }, { signal: controller.signal });
    await until(() => poolA.requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await poolA.waitForAborted();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(poolB.requests).toHaveLength(0);
    healthIsUntouched();
  });
});

describe('count_tokens for other vendors: the gateway estimates', () => {
  it.each(['gpt-4.1-mini', 'deepseek-chat', 'gemini-2.5-flash'])(
    '%s gets the o200k estimate, no upstream call',
    async (model) => {
      const counted = await admin.messages.countTokens({ model, ...prompt });
      expect(counted).toEqual(countMessagesTokens({ body: { model, ...prompt }, headers: {} }));
      for (const emulator of [gateway.openai, gateway.anthropic, gateway.gemini, gateway.deepseek]) {
        expect(emulator.requests).toHaveLength(0);
      }
    },
  );
});

describe('count_tokens under the key’s rules', () => {
  it('refuses past the key’s requests-per-minute limit with a 429 in Anthropic’s envelope', async () => {
    const { key } = await createKey(gateway, user, { rpmLimit: 2 });
    const limited = new Anthropic({ apiKey: key, baseURL: gateway.origin, maxRetries: 0 });
    const first = await limited.messages.countTokens({ model: 'gpt-4.1-mini', ...prompt }).withResponse();
    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    await limited.messages.countTokens({ model: 'gpt-4.1-mini', ...prompt });
    const refused = await thrown(limited.messages.countTokens({ model: 'gpt-4.1-mini', ...prompt }));
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    const error = refused as InstanceType<typeof Anthropic.RateLimitError>;
    expect(error.status).toBe(429);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a model the key may not use (403) and a model nobody serves (404)', async () => {
    const { key } = await createKey(gateway, user, { allowedModels: ['gpt-4*'] });
    const restricted = new Anthropic({ apiKey: key, baseURL: gateway.origin, maxRetries: 0 });
    const refused = await thrown(restricted.messages.countTokens({ model: 'claude-sonnet-4-5', ...prompt }));
    expect(refused).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((refused as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'permission_error', message: expect.stringContaining('claude-sonnet-4-5') },
    });
    const unknown = await thrown(admin.messages.countTokens({ model: 'no-such-model-anywhere', ...prompt }));
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect((unknown as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error' },
    });
    expect(gateway.anthropic.requests).toHaveLength(0);
  });

  it('writes a request-log row marked as a count, with the count, at no cost, and charges nothing', async () => {
    const { key } = await createKey(gateway, user);
    const sdk = new Anthropic({ apiKey: key, baseURL: gateway.origin, maxRetries: 0 });
    const before = (await asUser(gateway, user, 'GET', '/api/balance')).json;
    gateway.anthropic.enqueue({ usage: { inputTokens: 512 } });
    const { data, response } = await sdk.messages.countTokens({ model: 'claude-sonnet-4-5', ...prompt }).withResponse();
    expect(data.input_tokens).toBe(512);
    const log = await waitForLog(gateway, user, response.headers.get('x-request-id') as string);
    expect(log).toMatchObject({
      endpoint: 'count_tokens',
      surface: 'anthropic-messages',
      modelRequested: 'claude-sonnet-4-5',
      modelServed: 'claude-sonnet-4-5',
      status: 200,
      stream: false,
      attempts: 1,
      cost: 0,
      promptTokens: 512, // the vendor's count, logged as the prompt it counted
      completionTokens: 0,
      usageEstimated: false,
    });
    expect(log.latencyMs).toBeGreaterThanOrEqual(0);
    expect((await asUser(gateway, user, 'GET', '/api/balance')).json).toEqual(before);

    const estimated = await sdk.messages.countTokens({ model: 'gpt-4.1-mini', ...prompt }).withResponse();
    const estimatedLog = await waitForLog(gateway, user, estimated.response.headers.get('x-request-id') as string);
    expect(estimatedLog).toMatchObject({
      endpoint: 'count_tokens',
      cost: 0,
      attempts: 0,
      status: 200,
      promptTokens: estimated.data.input_tokens,
      usageEstimated: true,
    });
    expect(estimated.data.input_tokens).toBeGreaterThan(0);

    const counts = await asUser(gateway, user, 'GET', '/api/logs?endpoint=count_tokens');
    expect(counts.json.data.map((row: { id: string }) => row.id)).toEqual(
      expect.arrayContaining([response.headers.get('x-request-id'), estimated.response.headers.get('x-request-id')]),
    );
    const generations = await asUser(gateway, user, 'GET', '/api/logs?endpoint=generate');
    expect(generations.json.data).toEqual([]);
  });
});

describe('count_tokens with a bad body: a 400 in Anthropic’s envelope, never a 5xx', () => {
  it('refuses a body without messages before any upstream call', async () => {
    const refused = await thrown(
      admin.messages.countTokens({ model: 'claude-sonnet-4-5' } as Anthropic.MessageCountTokensParams),
    );
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
    expect((refused as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('messages') },
    });
    expect(gateway.anthropic.requests).toHaveLength(0);
  });

  it('answers Anthropic’s own 400 about the body as it came, without trying another channel', async () => {
    // count_tokens refuses answer settings that /v1/messages takes.
    const refused = await thrown(
      admin.messages.countTokens({
        model: POOL_MODEL,
        ...prompt,
        max_tokens: 10,
      } as Anthropic.MessageCountTokensParams),
    );
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
    expect((refused as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'invalid_request_error', message: 'max_tokens: Extra inputs are not permitted' },
    });
    expect(poolA.requests).toHaveLength(1);
    expect(poolB.requests).toHaveLength(0);
    healthIsUntouched();
  });

  it('answers a body that is not JSON with a 400', async () => {
    const response = await fetch(`${gateway.origin}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: '{"model": "claude-sonnet-4-5", "messages": [',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});
