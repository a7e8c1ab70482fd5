/**
 * `POST /v1beta/models/{model}:countTokens` end to end with the official `@google/genai` SDK: a
 * Gemini model on a Gemini channel is counted by Google (the emulator's countTokens, the channel's
 * upstream model in the path and in a wrapped generateContentRequest, the channel's key), in the
 * router's order; a model of another vendor, or every Gemini channel failing, gets the gateway's
 * estimate, and the failures leave route health alone. Counts are rate-limited, refused for a
 * model the key may not use, logged at no cost and marked as counts; bad bodies are 400s in
 * Google's envelope.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { countGeminiTokens } from '../../src/surfaces/gemini/index.js';
import { startGeminiEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { ADMIN_KEY, type Gateway, postJson, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

/** Served only by the two pool channels (A first), under an upstream name of its own. */
const POOL_MODEL = 'flash-pool';
const POOL_UPSTREAM_MODEL = 'gemini-2.5-flash-lite';

let gateway: Gateway;
let google: GoogleGenAI;
let poolA: Emulator;
let poolB: Emulator;
let configDir: string;
let user: Session;

beforeAll(async () => {
  [poolA, poolB] = await Promise.all([
    startGeminiEmulator({ label: 'Pool A' }),
    startGeminiEmulator({ label: 'Pool B' }),
  ]);
  configDir = mkdtempSync(join(tmpdir(), 'aihub-count-tokens-'));
  const configPath = join(configDir, 'aihub.yaml');
  const pool = (name: string, emulator: Emulator, priority: number) => ({
    name,
    type: 'gemini',
    base_url: emulator.url,
    key: UPSTREAM_KEY,
    models: [POOL_MODEL],
    model_mapping: { [POOL_MODEL]: POOL_UPSTREAM_MODEL },
    priority,
  });
  writeFileSync(configPath, stringify({ channels: [pool('pool-a', poolA, 20), pool('pool-b', poolB, 10)] }));
  gateway = await startGateway({ AIHUB_CONFIG: configPath });
  google = sdk(ADMIN_KEY);
  user = await register(gateway, 'gemini-counter@example.com');
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

function sdk(apiKey: string): GoogleGenAI {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: gateway.origin } });
}

const TEXT = 'How many tokens does this sentence take?';
/** What @google/genai sends for `contents: TEXT`. */
const CONTENTS = [{ parts: [{ text: TEXT }], role: 'user' }];

function estimateFor(model: string): number {
  const input = { body: { contents: CONTENTS }, headers: {}, query: {}, params: { model, action: 'countTokens' } };
  return countGeminiTokens(input).totalTokens;
}

/** What the SDK threw (the test fails if it did not throw). */
async function thrown(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

function healthIsUntouched(): void {
  expect(gateway.app.deps.routeHealth.snapshot()).toMatchObject({ cooldowns: [], openBreakers: [] });
}

describe('countTokens on a Gemini channel: Google counts', () => {
  it('answers the upstream’s exact count as it came, asked with the channel’s key', async () => {
    gateway.gemini.enqueue({ usage: { inputTokens: 2468 } });
    const counted = await google.models.countTokens({ model: 'gemini-2.5-flash', contents: TEXT });
    expect(counted.totalTokens).toBe(2468);
    const sent = gateway.gemini.requests;
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:countTokens');
    expect(sent[0]?.headers['x-goog-api-key']).toBe(UPSTREAM_KEY);
    expect(sent[0]?.body).toEqual({ contents: CONTENTS });
  });

  it('puts the channel’s upstream model in the path and in a wrapped generateContentRequest', async () => {
    poolA.enqueue({ usage: { inputTokens: 55 } }, { usage: { inputTokens: 66 } });
    expect((await google.models.countTokens({ model: POOL_MODEL, contents: TEXT })).totalTokens).toBe(55);
    expect(poolA.requests[0]?.path).toBe(`/v1beta/models/${POOL_UPSTREAM_MODEL}:countTokens`);

    const wrapped = {
      generateContentRequest: {
        model: `models/${POOL_MODEL}`,
        contents: CONTENTS,
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
      },
    };
    const reply = await postJson(gateway, `/v1beta/models/${POOL_MODEL}:countTokens`, wrapped);
    expect(reply.status).toBe(200);
    expect(reply.json().totalTokens).toBe(66);
    expect(poolA.requests[1]?.body).toEqual({
      generateContentRequest: { ...wrapped.generateContentRequest, model: `models/${POOL_UPSTREAM_MODEL}` },
    });
    expect(poolB.requests).toHaveLength(0);
  });

  it('tries the channels in the router’s order: the next one counts when the first fails', async () => {
    poolA.enqueue({ fault: { type: 'http-error', status: 500 } });
    poolB.enqueue({ usage: { inputTokens: 88 } });
    expect((await google.models.countTokens({ model: POOL_MODEL, contents: TEXT })).totalTokens).toBe(88);
    expect(poolA.requests).toHaveLength(1);
    expect(poolB.requests).toHaveLength(1);
    healthIsUntouched();
  });

  it('falls back to the estimate when every channel fails, and leaves their health alone', async () => {
    const estimate = estimateFor(POOL_MODEL);
    // Enough failures to open A's breaker and cool B's key, were counts traffic.
    poolA.setScript({ fault: { type: 'http-error', status: 503 } });
    poolB.setScript({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 30 } });
    for (let round = 0; round < 6; round++) {
      expect((await google.models.countTokens({ model: POOL_MODEL, contents: TEXT })).totalTokens).toBe(estimate);
    }
    expect(poolA.requests).toHaveLength(6);
    expect(poolB.requests).toHaveLength(6);
    healthIsUntouched();

    // A 404 from an upstream without the endpoint, and a 200 that is not a count, are failures alike.
    poolA.setScript({ fault: { type: 'http-error', status: 404 } });
    poolB.setScript({
      fault: { type: 'raw', status: 200, headers: { 'content-type': 'text/html' }, chunks: ['<html>'] },
    });
    expect((await google.models.countTokens({ model: POOL_MODEL, contents: TEXT })).totalTokens).toBe(estimate);
    healthIsUntouched();

    // The first choice still serves generations at once.
    poolA.setScript(undefined);
    poolB.setScript(undefined);
    const reply = await postJson(gateway, `/v1beta/models/${POOL_MODEL}:generateContent`, { contents: CONTENTS });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-aihub-attempts')).toBe('1');
    expect(poolA.requests.at(-1)?.path).toBe(`/v1beta/models/${POOL_UPSTREAM_MODEL}:generateContent`);
  });
});

describe('countTokens for other vendors: the gateway estimates', () => {
  it.each(['gpt-4.1-mini', 'claude-sonnet-4-5', 'deepseek-chat'])(
    '%s gets the o200k estimate, no upstream call',
    async (model) => {
      const counted = await google.models.countTokens({ model, contents: TEXT });
      expect(counted.totalTokens).toBe(estimateFor(model));
      for (const emulator of [gateway.openai, gateway.anthropic, gateway.gemini, gateway.deepseek]) {
        expect(emulator.requests).toHaveLength(0);
      }
    },
  );
});

describe('countTokens under the key’s rules', () => {
  it('refuses past the key’s requests-per-minute limit with a 429 in Google’s envelope', async () => {
    const { key } = await createKey(gateway, user, { rpmLimit: 2 });
    const limited = sdk(key);
    await limited.models.countTokens({ model: 'gpt-4.1-mini', contents: TEXT });
    await limited.models.countTokens({ model: 'gpt-4.1-mini', contents: TEXT });
    expect((await thrown(limited.models.countTokens({ model: 'gpt-4.1-mini', contents: TEXT }))).status).toBe(429);
    const response = await fetch(`${gateway.origin}/v1beta/models/gpt-4.1-mini:countTokens`, {
      method: 'POST',
      headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: CONTENTS }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
  });

  it('refuses a model the key may not use (403) and a model nobody serves (404)', async () => {
    const { key } = await createKey(gateway, user, { allowedModels: ['gpt-4*'] });
    const refused = await thrown(sdk(key).models.countTokens({ model: 'gemini-2.5-flash', contents: TEXT }));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.message)).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
    const unknown = await thrown(google.models.countTokens({ model: 'no-such-model-anywhere', contents: TEXT }));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.message)).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
    expect(gateway.gemini.requests).toHaveLength(0);
  });

  it('writes a request-log row marked as a count, with the count, at no cost, and charges nothing', async () => {
    const { key } = await createKey(gateway, user);
    const before = (await asUser(gateway, user, 'GET', '/api/balance')).json;
    gateway.gemini.enqueue({ usage: { inputTokens: 321 } });
    const response = await fetch(`${gateway.origin}/v1beta/models/gemini-2.5-flash:countTokens`, {
      method: 'POST',
      headers: { 'x-goog-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: CONTENTS }),
    });
    expect(response.status).toBe(200);
    // Google's body as it came: the per-modality details the gateway does not model survive.
    expect(await response.json()).toEqual({
      totalTokens: 321,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 321 }],
    });
    const log = await waitForLog(gateway, user, response.headers.get('x-request-id') as string);
    expect(log).toMatchObject({
      endpoint: 'count_tokens',
      surface: 'gemini',
      modelRequested: 'gemini-2.5-flash',
      status: 200,
      attempts: 1,
      cost: 0,
      promptTokens: 321, // the vendor's count, logged as the prompt it counted
      usageEstimated: false,
    });
    expect((await asUser(gateway, user, 'GET', '/api/balance')).json).toEqual(before);
  });
});

describe('countTokens with a bad body: a 400 in Google’s envelope, never a 5xx', () => {
  it('refuses contents that are not a list before any upstream call', async () => {
    const reply = await postJson(gateway, '/v1beta/models/gemini-2.5-flash:countTokens', { contents: 5 });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    expect(gateway.gemini.requests).toHaveLength(0);
  });

  it('answers Google’s own 400 about the body as it came, without trying another channel', async () => {
    const message =
      "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field";
    poolA.enqueue({ fault: { type: 'http-error', status: 400, message } });
    const refused = await thrown(google.models.countTokens({ model: POOL_MODEL, contents: TEXT }));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.message)).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT', message } });
    expect(poolB.requests).toHaveLength(0);
    healthIsUntouched();
  });

  it('answers a body that is not JSON with a 400', async () => {
    const reply = await postJson(gateway, '/v1beta/models/gemini-2.5-flash:countTokens', '{"contents": [');
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
  });
});
