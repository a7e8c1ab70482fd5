/**
 * `POST /v1/images/generations` and `/v1/images/edits` end to end with the official `openai`
 * package against the real server (SQLite): GPT image models (b64_json, token usage, streamed
 * partial images), DALL·E (url, revised prompt, a size it is not sold at), edits as multipart with
 * several images and a mask, Gemini image output and Imagen behind the same OpenAI shape, failover
 * from a 429/5xx channel to the next, content-policy refusals and oversized uploads as clear 4xx,
 * and one request-log row marked `images`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { emulatedImage, tinyPng } from '../emulators/image-format.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { ADMIN_KEY, type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

/** Each served by its own two OpenAI channels (A first), as gpt-image-1: one pool per case, so one case's cooldown does not steer the next. */
const POOLS = ['image-pool-429', 'image-pool-503', 'image-pool-refusal'];

let gateway: Gateway;
let poolA: Emulator;
let poolB: Emulator;
let configDir: string;
let client: OpenAI;

beforeAll(async () => {
  [poolA, poolB] = await Promise.all([
    startOpenAIEmulator({ label: 'Pool A' }),
    startOpenAIEmulator({ label: 'Pool B' }),
  ]);
  configDir = mkdtempSync(join(tmpdir(), 'aihub-images-'));
  const configPath = join(configDir, 'aihub.yaml');
  const channel = (name: string, emulator: Emulator, priority: number, model: string) => ({
    name,
    type: 'openai',
    base_url: emulator.url,
    key: UPSTREAM_KEY,
    models: [model],
    model_mapping: { [model]: 'gpt-image-1' },
    priority,
  });
  const channels = POOLS.flatMap((model) => [
    channel(`${model}-a`, poolA, 20, model),
    channel(`${model}-b`, poolB, 10, model),
  ]);
  writeFileSync(configPath, stringify({ channels }));
  gateway = await startGateway({ AIHUB_CONFIG: configPath, AIHUB_UPLOAD_LIMIT_MB: '8' });
  client = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([poolA?.close(), poolB?.close()]);
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const emulator of [gateway.openai, gateway.gemini, poolA, poolB]) emulator.reset();
});

// biome-ignore lint/suspicious/noExplicitAny: a log row as the API returns it
async function logRow(requestId: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const reply = await asAdmin(gateway, 'GET', `/api/logs/${requestId}`);
    if (reply.status === 200) return reply.json;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`log row ${requestId} never appeared`);
}

const png = () => tinyPng([10, 20, 30]);

describe('generations', () => {
  it('gpt-image-1: b64_json with what was made and the token usage, logged as images', async () => {
    const { data: answer, response } = await client.images
      .generate({ model: 'gpt-image-1', prompt: 'a baby sea otter', size: '1024x1536', quality: 'low', n: 2 })
      .withResponse();
    expect(answer.data?.map((image) => image.b64_json)).toEqual([
      emulatedImage('gpt-image-1', 'a baby sea otter', 0),
      emulatedImage('gpt-image-1', 'a baby sea otter', 1),
    ]);
    expect(answer).toMatchObject({ size: '1024x1536', quality: 'low', output_format: 'png', background: 'opaque' });
    expect(answer.usage?.output_tokens).toBe(2 * 408);
    expect(answer.usage?.input_tokens_details).toEqual({ text_tokens: expect.any(Number), image_tokens: 0 });
    const sent = gateway.openai.requests[0];
    expect(sent.path).toBe('/v1/images/generations');
    expect(sent.body).toEqual({
      model: 'gpt-image-1',
      prompt: 'a baby sea otter',
      n: 2,
      size: '1024x1536',
      quality: 'low',
    });
    const row = await logRow(response.headers.get('x-request-id') ?? '');
    expect(row).toMatchObject({
      endpoint: 'images',
      status: 200,
      modelRequested: 'gpt-image-1',
      modelServed: 'gpt-image-1',
    });
    expect(row).toMatchObject({ promptTokens: answer.usage?.input_tokens, completionTokens: 2 * 408 });
  });

  it('dall-e-3: a url and the revised prompt', async () => {
    const answer = await client.images.generate({
      model: 'dall-e-3',
      prompt: 'a lighthouse',
      size: '1792x1024',
      quality: 'hd',
      style: 'natural',
    });
    expect(answer.data?.[0]).toEqual({
      url: expect.stringMatching(/^https:\/\//),
      revised_prompt: 'a lighthouse (revised)',
    });
    expect(gateway.openai.requests[0].body).toMatchObject({
      model: 'dall-e-3',
      size: '1792x1024',
      quality: 'hd',
      style: 'natural',
    });
  });

  it('dall-e-2 at a size it is not sold at: a 400 naming size, and no upstream call', async () => {
    const error = await client.images.generate({ model: 'dall-e-2', prompt: 'x', size: '1792x1024' }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe('size');
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('streams partial images and the completed event as the vendor sent them', async () => {
    const stream = await client.images.generate({
      model: 'gpt-image-1',
      prompt: 'a fox',
      size: '1024x1024',
      quality: 'medium',
      stream: true,
      partial_images: 2,
    });
    const events: Array<{ type: string; partial_image_index?: number; b64_json: string; usage?: unknown }> = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'image_generation.partial_image',
      'image_generation.partial_image',
      'image_generation.completed',
    ]);
    expect(events[1].partial_image_index).toBe(1);
    expect(events[2].b64_json).toBe(emulatedImage('gpt-image-1', 'a fox', 0));
    expect(events[2].usage).toMatchObject({ output_tokens: 1056 });
    expect(gateway.openai.requests[0].body).toMatchObject({ stream: true, partial_images: 2 });
  });

  it('Gemini image output: generateContent with IMAGE, the inlineData image as b64_json, the token usage', async () => {
    const answer = await client.images.generate({
      model: 'gemini-2.5-flash-image',
      prompt: 'a red fox',
      size: '1536x1024',
    });
    expect(answer.data?.[0].b64_json).toBe(emulatedImage('gemini-2.5-flash-image', 'a red fox', 0));
    expect(answer.usage?.output_tokens).toBeGreaterThanOrEqual(1290);
    const sent = gateway.gemini.requests[0];
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent');
    expect(sent.body.generationConfig).toEqual({
      responseModalities: ['IMAGE', 'TEXT'],
      imageConfig: { aspectRatio: '3:2' },
    });
  });

  it('Imagen: :predict with sampleCount, each prediction an image', async () => {
    const answer = await client.images.generate({
      model: 'imagen-4.0-generate-001',
      prompt: 'a robot',
      n: 2,
      size: '1024x1792',
    });
    expect(answer.data?.map((image) => image.b64_json)).toEqual([
      emulatedImage('imagen-4.0-generate-001', 'a robot', 0),
      emulatedImage('imagen-4.0-generate-001', 'a robot', 1),
    ]);
    expect(gateway.gemini.requests[0].body).toEqual({
      instances: [{ prompt: 'a robot' }],
      parameters: { sampleCount: 2, aspectRatio: '9:16' },
    });
  });
});

describe('edits', () => {
  it('sends several images and a mask as multipart, answers b64_json', async () => {
    const answer = await client.images.edit({
      model: 'gpt-image-1',
      prompt: 'add a hat',
      image: [await toFile(png(), 'a.png', { type: 'image/png' }), await toFile(png(), 'b.png', { type: 'image/png' })],
      mask: await toFile(png(), 'mask.png', { type: 'image/png' }),
      input_fidelity: 'high',
    });
    expect(answer.data?.[0].b64_json).toBe(emulatedImage('gpt-image-1', 'add a hat', 0));
    const sent = gateway.openai.requests[0];
    expect(sent.path).toBe('/v1/images/edits');
    expect(sent.body).toMatchObject({ model: 'gpt-image-1', prompt: 'add a hat', input_fidelity: 'high' });
    expect(sent.body.files['image[]'].map((file: { filename: string }) => file.filename)).toEqual(['a.png', 'b.png']);
    expect(sent.body.files.mask).toEqual([{ filename: 'mask.png', contentType: 'image/png', size: png().length }]);
    expect(answer.usage?.input_tokens_details?.image_tokens).toBeGreaterThan(0);
  });

  it('streams an edit as image_edit.* events', async () => {
    const stream = await client.images.edit({
      model: 'gpt-image-1',
      prompt: 'make it blue',
      image: await toFile(png(), 'a.png', { type: 'image/png' }),
      stream: true,
      partial_images: 1,
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(['image_edit.partial_image', 'image_edit.completed']);
  });

  it('edits with a Gemini image model: the images as inlineData after the prompt', async () => {
    const answer = await client.images.edit({
      model: 'gemini-2.5-flash-image',
      prompt: 'make it night',
      image: await toFile(png(), 'a.png', { type: 'image/png' }),
    });
    expect(answer.data?.[0].b64_json).toBeDefined();
    const parts = gateway.gemini.requests[0].body.contents[0].parts;
    expect(parts).toEqual([
      { text: 'make it night' },
      { inlineData: { mimeType: 'image/png', data: png().toString('base64') } },
    ]);
  });

  it('a dall-e-2 image above 4 MB is a 413, nothing sent upstream', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 1);
    const error = await client.images
      .edit({ model: 'dall-e-2', prompt: 'x', image: await toFile(big, 'big.png', { type: 'image/png' }) })
      .catch((e) => e);
    expect(error.status).toBe(413);
    expect(error.error).toMatchObject({ param: 'image', code: 'file_too_large' });
    expect(gateway.openai.requests).toHaveLength(0);
  });

  it('a body above the upload limit (AIHUB_UPLOAD_LIMIT_MB) is a 413 in OpenAI envelope', async () => {
    const huge = Buffer.alloc(9 * 1024 * 1024, 1);
    const error = await client.images
      .edit({ model: 'gpt-image-1', prompt: 'x', image: await toFile(huge, 'huge.png', { type: 'image/png' }) })
      .catch((e) => e);
    expect(error.status).toBe(413);
    expect((error.error as { type?: string }).type).toBe('invalid_request_error');
  });

  it('wrong multipart fields are a 400', async () => {
    const form = new FormData();
    form.set('model', 'gpt-image-1');
    form.set('prompt', 'x');
    form.set('picture', new Blob([png()], { type: 'image/png' }), 'a.png');
    const reply = await fetch(`${gateway.baseURL}/images/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      body: form,
    });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { error: unknown }).error).toMatchObject({
      param: 'picture',
      type: 'invalid_request_error',
    });
    const notForm = await fetch(`${gateway.baseURL}/images/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'multipart/form-data; boundary=zzz' },
      body: 'garbage',
    });
    expect(notForm.status).toBe(400);
  });
});

describe('failover and refusals', () => {
  it.each([
    ['image-pool-429', { type: 'http-error' as const, status: 429, retryAfterSeconds: 1 }],
    ['image-pool-503', { type: 'http-error' as const, status: 503 }],
  ])('%s: the first channel failing, the second serves', async (model, fault) => {
    poolA.enqueue({ fault });
    const answer = await client.images.generate({
      model,
      prompt: 'a cat',
      size: '1024x1024',
      quality: 'low',
    });
    expect(answer.data?.[0].b64_json).toBe(emulatedImage('gpt-image-1', 'a cat', 0));
    expect(poolA.requests).toHaveLength(1);
    expect(poolB.requests).toHaveLength(1);
    expect(poolB.requests[0].body.model).toBe('gpt-image-1');
  });

  it("OpenAI's moderation refusal reaches the client as its 400, without trying another channel", async () => {
    poolA.enqueue({ refusal: true });
    const error = await client.images.generate({ model: 'image-pool-refusal', prompt: 'forbidden' }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(poolB.requests).toHaveLength(0);
  });

  it("Gemini's and Imagen's safety refusals are a 400 content_policy_violation", async () => {
    gateway.gemini.enqueue({ refusal: true }, { refusal: true });
    const gemini = await client.images
      .generate({ model: 'gemini-2.5-flash-image', prompt: 'forbidden' })
      .catch((e) => e);
    expect(gemini.status).toBe(400);
    expect(gemini.code).toBe('content_policy_violation');
    const imagen = await client.images
      .generate({ model: 'imagen-4.0-generate-001', prompt: 'forbidden' })
      .catch((e) => e);
    expect(imagen.status).toBe(400);
    expect(imagen.code).toBe('content_policy_violation');
  });

  it('a chat model is not an image model: a 400 naming model', async () => {
    const error = await client.images.generate({ model: 'gpt-4o-mini', prompt: 'x' }).catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.param).toBe('model');
  });
});

describe('billing (a metered key)', () => {
  let user: Session;
  let metered: OpenAI;

  beforeAll(async () => {
    user = await register(gateway, 'painter@example.com');
    const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
      amount: 10_000_000,
      reason: 'images test credit',
    });
    expect(topUp.status).toBe(200);
    metered = new OpenAI({ apiKey: (await createKey(gateway, user)).key, baseURL: gateway.baseURL, maxRetries: 0 });
  });

  it('dall-e-3 is charged per image at its size and quality, the units logged', async () => {
    const { response } = await metered.images
      .generate({ model: 'dall-e-3', prompt: 'a harbour', size: '1024x1792', quality: 'hd' })
      .withResponse();
    const row = await waitForLog(gateway, user, response.headers.get('x-request-id') ?? '');
    expect(row).toMatchObject({ endpoint: 'images', cost: 120_000, units: { 'image:1024x1792:hd': 1 } });
  });

  it('dall-e-2 is charged for the images delivered, at the size (standard quality falls back to the size)', async () => {
    const { response } = await metered.images
      .generate({ model: 'dall-e-2', prompt: 'a cat', size: '512x512', n: 2, response_format: 'b64_json' })
      .withResponse();
    const row = await waitForLog(gateway, user, response.headers.get('x-request-id') ?? '');
    expect(row).toMatchObject({ cost: 36_000, units: { 'image:512x512:standard': 2 } });
  });

  it('gpt-image-1 is charged per token class: text in, image in, image out', async () => {
    gateway.openai.enqueue({ usage: { inputTokens: 2000, outputTokens: 1000 } });
    const { data: answer, response } = await metered.images
      .edit({
        model: 'gpt-image-1',
        prompt: 'add a scarf',
        image: [
          await toFile(png(), 'a.png', { type: 'image/png' }),
          await toFile(png(), 'b.png', { type: 'image/png' }),
        ],
        mask: await toFile(png(), 'mask.png', { type: 'image/png' }),
      })
      .withResponse();
    const imageTokens = answer.usage?.input_tokens_details?.image_tokens ?? 0;
    expect(imageTokens).toBe(2 * 581);
    const row = await waitForLog(gateway, user, response.headers.get('x-request-id') ?? '');
    // $5 / 1M text in, $10 / 1M image in, $40 / 1M image out: units (1e-6 USD) per token 5, 10, 40.
    expect(row.cost).toBe((2000 - imageTokens) * 5 + imageTokens * 10 + 1000 * 40);
  });

  it('a streamed generation is charged from its completed events', async () => {
    gateway.openai.enqueue({ usage: { inputTokens: 100, outputTokens: 272 } });
    const stream = await metered.images.generate({
      model: 'gpt-image-1',
      prompt: 'a bird',
      size: '1024x1024',
      quality: 'low',
      stream: true,
      partial_images: 1,
    });
    for await (const _event of stream) {
      // drained
    }
    const row = await waitForLogByModel(user, 'a bird');
    expect(row.cost).toBe(100 * 5 + 272 * 40);
  });

  it('a failover is charged once; a refusal and a bad size are charged nothing', async () => {
    poolA.enqueue({ fault: { type: 'http-error', status: 500 } });
    const { response } = await metered.images
      .generate({ model: 'image-pool-503', prompt: 'a dog', size: '1024x1024', quality: 'low' })
      .withResponse();
    const row = await waitForLog(gateway, user, response.headers.get('x-request-id') ?? '');
    expect(row.attempts).toBe(2);
    expect(row.cost).toBeGreaterThan(0);
    gateway.gemini.enqueue({ refusal: true });
    const refused = await metered.images.generate({ model: 'imagen-4.0-generate-001', prompt: 'no' }).catch((e) => e);
    expect(refused.status).toBe(400);
    const refusedRow = await waitForLog(gateway, user, refused.requestID ?? refused.headers?.get?.('x-request-id'));
    expect(refusedRow.cost).toBe(0);
    const badSize = await metered.images.generate({ model: 'dall-e-3', prompt: 'x', size: '256x256' }).catch((e) => e);
    expect(badSize.status).toBe(400);
    expect(badSize.param).toBe('size');
  });
});

/** The newest log row of the user whose prompt-less request was the stream (its id is not in the SDK's stream). */
// biome-ignore lint/suspicious/noExplicitAny: a log row as the API returns it
async function waitForLogByModel(session: Session, _label: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const reply = await asUser(gateway, session, 'GET', '/api/logs?limit=1');
    // biome-ignore lint/suspicious/noExplicitAny: the list as the API returns it
    const rows = (reply.json as any)?.data ?? (reply.json as any)?.items ?? [];
    if (reply.status === 200 && rows[0]?.stream === true && rows[0]?.cost > 0) return rows[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the stream log row never appeared');
}
