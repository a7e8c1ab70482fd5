/**
 * `POST /v1/embeddings` end to end with the official `openai` package against the real server:
 * OpenAI, a compatible preset (Mistral) and Gemini (batchEmbedContents) behind one OpenAI-shaped
 * endpoint; floats and the SDK's default base64 (which it decodes); input order; dimensions and
 * Gemini's task type; failover from a 429/5xx channel to the next; each answer charged once at the
 * catalog's input price per token, to the unit (Gemini's usage estimated by AIHub and marked so);
 * nothing charged for refusals (a bad key, too many inputs, an input beyond the model's window, a
 * model without a price); one request-log row marked `embeddings`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { estimatePromptTokens } from '../../src/billing/token-estimate.js';
import { getBuiltinCatalog } from '../../src/catalog/catalog.js';
import { decodeEmbeddingRequest } from '../../src/embeddings/embedding-request.js';
import { embeddingHoldRequest } from '../../src/embeddings/embedding-tokens.js';
import { emulatedEmbedding } from '../emulators/embedding-format.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

/** Served by two OpenAI channels (A first), as OpenAI's text-embedding-3-small. */
const POOL_MODEL = 'embed-pool';
const OPENAI_MODEL = 'text-embedding-3-small';
/** Served by a channel whose upstream model has no price anywhere. */
const UNPRICED_MODEL = 'embed-unpriced';

let gateway: Gateway;
let mistral: Emulator;
let poolA: Emulator;
let poolB: Emulator;
let configDir: string;
let user: Session;
let client: OpenAI;

/** The catalog's price of `tokens` input tokens, in units (1e-6 USD), rounded once half up. */
function listPrice(vendor: string, model: string, tokens: number): number {
  const input = getBuiltinCatalog().get(vendor, model)?.prices?.input;
  if (!input) throw new Error(`no input price for ${vendor}/${model}`);
  return Number((BigInt(tokens) * BigInt(input) + 500_000n) / 1_000_000n);
}

async function ledgerCharge(requestId: string): Promise<{ amount: number; reason: string } | undefined> {
  const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
  return ledger.json.data.find((entry: { reference: string }) => entry.reference === requestId);
}

/** The user's balance and holds, as /api/balance reports them. */
async function balance(): Promise<unknown> {
  return (await asUser(gateway, user, 'GET', '/api/balance')).json;
}

/** The SDK's error for a refused call (the test fails if it did not throw). */
async function refused(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAI.APIError);
    return error as InstanceType<typeof OpenAI.APIError>;
  }
  throw new Error('expected the request to fail');
}

// The money-relevant path (hold, settlement, release, the ledger) runs on both databases.
for (const database of ['sqlite', 'postgres'] as const) {
  describe(`embeddings [${database}]`, () => {
    beforeAll(async () => {
      [mistral, poolA, poolB] = await Promise.all([
        startOpenAIEmulator({ label: 'Mistral', responses: false }),
        startOpenAIEmulator({ label: 'Pool A' }),
        startOpenAIEmulator({ label: 'Pool B' }),
      ]);
      configDir = mkdtempSync(join(tmpdir(), 'aihub-embeddings-'));
      const configPath = join(configDir, 'aihub.yaml');
      const channel = (name: string, emulator: Emulator, priority: number, model: string, upstream: string) => ({
        name,
        type: 'openai',
        base_url: emulator.url,
        key: UPSTREAM_KEY,
        models: [model],
        model_mapping: { [model]: upstream },
        priority,
      });
      const channels = [
        channel('pool-a', poolA, 20, POOL_MODEL, OPENAI_MODEL),
        channel('pool-b', poolB, 10, POOL_MODEL, OPENAI_MODEL),
        channel('unpriced', poolB, 10, UNPRICED_MODEL, 'house-embedder-v0'),
      ];
      writeFileSync(configPath, stringify({ channels }));
      gateway = await startGateway(
        {
          AIHUB_CONFIG: configPath,
          MISTRAL_API_KEY: UPSTREAM_KEY,
          MISTRAL_BASE_URL: mistral.url,
        },
        database,
      );
      user = await register(gateway, 'embedder@example.com');
      const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
        amount: 10_000_000,
        reason: 'embeddings test credit',
      });
      expect(topUp.status).toBe(200);
      const key = await createKey(gateway, user);
      client = new OpenAI({ apiKey: key.key, baseURL: gateway.baseURL, maxRetries: 0 });
    });

    afterAll(async () => {
      await gateway?.close();
      await Promise.all([mistral?.close(), poolA?.close(), poolB?.close()]);
      if (configDir) rmSync(configDir, { recursive: true, force: true });
    });

    beforeEach(() => {
      for (const emulator of [gateway.openai, gateway.gemini, mistral, poolA, poolB]) emulator.reset();
      gateway.app.deps.routeHealth.reset();
    });

    describe('OpenAI embeddings through the official SDK', () => {
      it('answers floats in input order, with the upstream usage, charged at the catalog price', async () => {
        gateway.openai.enqueue({ usage: { inputTokens: 1234 } });
        const texts = ['third in the alphabet', 'a first one', 'and the second'];
        const { data, response } = await client.embeddings
          .create({ model: OPENAI_MODEL, input: texts, encoding_format: 'float' })
          .withResponse();
        expect(data.object).toBe('list');
        expect(data.model).toBe(OPENAI_MODEL);
        expect(data.usage).toEqual({ prompt_tokens: 1234, total_tokens: 1234 });
        expect(data.data.map((item) => item.index)).toEqual([0, 1, 2]);
        expect(data.data.map((item) => item.embedding)).toEqual(
          texts.map((text) => emulatedEmbedding(OPENAI_MODEL, text, 1536)),
        );
        const sent = gateway.openai.requests;
        expect(sent).toHaveLength(1);
        expect(sent[0]?.path).toBe('/v1/embeddings');
        expect(sent[0]?.body).toEqual({ model: OPENAI_MODEL, input: texts, encoding_format: 'float' });

        const requestId = response.headers.get('x-request-id') as string;
        const expected = listPrice('openai', OPENAI_MODEL, 1234);
        expect(expected).toBeGreaterThan(0);
        const log = await waitForLog(gateway, user, requestId);
        expect(log).toMatchObject({
          surface: 'openai-chat',
          endpoint: 'embeddings',
          modelRequested: OPENAI_MODEL,
          status: 200,
          stream: false,
          promptTokens: 1234,
          completionTokens: 0,
          usageEstimated: false,
          cost: expected,
        });
        expect(await ledgerCharge(requestId)).toMatchObject({ kind: 'charge', amount: -expected });
      });

      it('decodes the SDK’s default base64 to the same float32 vectors, with dimensions', async () => {
        const embedding = await client.embeddings.create({ model: OPENAI_MODEL, input: 'one input', dimensions: 8 });
        expect(embedding.data[0]?.embedding).toEqual(emulatedEmbedding(OPENAI_MODEL, 'one input', 8));
        // The SDK asked for base64 (its default); OpenAI itself is asked for the same, and its answer forwarded.
        expect(gateway.openai.requests[0]?.body).toMatchObject({ encoding_format: 'base64', dimensions: 8 });
        const raw = await fetch(`${gateway.baseURL}/embeddings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: OPENAI_MODEL, input: 'one input', dimensions: 8, encoding_format: 'base64' }),
        });
        const body = (await raw.json()) as { data: Array<{ embedding: string }> };
        expect(typeof body.data[0]?.embedding).toBe('string');
        expect(Buffer.from(body.data[0]?.embedding ?? '', 'base64')).toHaveLength(8 * 4);
      });

      it('embeds token-id input, each array in order', async () => {
        const embedding = await client.embeddings.create({
          model: OPENAI_MODEL,
          input: [
            [1, 2, 3],
            [4, 5],
          ],
          encoding_format: 'float',
        });
        expect(embedding.data.map((item) => item.embedding)).toEqual([
          emulatedEmbedding(OPENAI_MODEL, 'tokens:1,2,3', 1536),
          emulatedEmbedding(OPENAI_MODEL, 'tokens:4,5', 1536),
        ]);
        expect(embedding.usage.prompt_tokens).toBe(5);
      });
    });

    describe('OpenAI to OpenAI: the answer forwarded as the upstream wrote it', () => {
      /** A raw 200 answer from the upstream, exactly these bytes. */
      const rawAnswer = (chunks: string[], end: 'end' | 'reset' = 'end') => ({
        fault: { type: 'raw' as const, status: 200, headers: { 'content-type': 'application/json' }, chunks, end },
      });
      const post = (body: unknown) =>
        fetch(`${gateway.baseURL}/embeddings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      // OpenAI's own layout: pretty-printed, with a field AIHub does not model.
      const pretty = `{
  "object": "list",
  "data": [
    {
      "object": "embedding",
      "index": 0,
      "embedding": [
        0.0057293195,
        -1.2e-05,
        0
      ]
    },
    {
      "object": "embedding",
      "index": 1,
      "embedding": [0.5, -0.25, 1E+2]
    }
  ],
  "model": "text-embedding-3-small",
  "usage": {
    "prompt_tokens": 4321,
    "total_tokens": 4321
  },
  "service_tier": "default"
}
`;

      it('sends the bytes unchanged and charges exactly the usage they report', async () => {
        gateway.openai.enqueue(rawAnswer([pretty.slice(0, 100), pretty.slice(100)]));
        const response = await post({ model: OPENAI_MODEL, input: ['a', 'b'], encoding_format: 'float' });
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(pretty);
        const requestId = response.headers.get('x-request-id') as string;
        const expected = listPrice('openai', OPENAI_MODEL, 4321);
        const log = await waitForLog(gateway, user, requestId);
        expect(log).toMatchObject({ status: 200, promptTokens: 4321, usageEstimated: false, cost: expected });
        expect(await ledgerCharge(requestId)).toMatchObject({ kind: 'charge', amount: -expected });
      });

      it('forwards base64 vectors asked of OpenAI as they came', async () => {
        const response = await post({
          model: OPENAI_MODEL,
          input: ['x', 'y'],
          dimensions: 4,
          encoding_format: 'base64',
        });
        const text = await response.text();
        const body = JSON.parse(text) as { data: Array<{ embedding: string }> };
        expect(gateway.openai.requests[0]?.body).toMatchObject({ encoding_format: 'base64', dimensions: 4 });
        const decoded = body.data.map((item) => {
          const bytes = Buffer.from(item.embedding, 'base64');
          return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
        });
        expect(decoded).toEqual(['x', 'y'].map((input) => emulatedEmbedding(OPENAI_MODEL, input, 4)));
      });

      it('puts an answer out of index order back in order (decoded, as before)', async () => {
        const swapped = JSON.stringify({
          object: 'list',
          data: [
            { object: 'embedding', index: 1, embedding: [2] },
            { object: 'embedding', index: 0, embedding: [1] },
          ],
          model: OPENAI_MODEL,
          usage: { prompt_tokens: 7, total_tokens: 7 },
        });
        gateway.openai.enqueue(rawAnswer([swapped]));
        const response = await post({ model: OPENAI_MODEL, input: ['a', 'b'], encoding_format: 'float' });
        const body = (await response.json()) as { data: Array<{ index: number; embedding: number[] }> };
        expect(body.data).toEqual([
          { object: 'embedding', index: 0, embedding: [1] },
          { object: 'embedding', index: 1, embedding: [2] },
        ]);
      });

      it.each([
        ['a vector that is not numbers', [pretty.replace('0.5,', '0.5 oops,')], 'end'],
        ['an answer cut short and ended', [pretty.slice(0, 200)], 'end'],
        ['a connection reset mid-answer', [pretty.slice(0, 200)], 'reset'],
      ] as const)('answers %s with a clean 502 and charges nothing', async (_name, chunks, end) => {
        gateway.openai.enqueue(rawAnswer([...chunks], end));
        const before = await balance();
        const response = await post({ model: OPENAI_MODEL, input: ['a', 'b'], encoding_format: 'float' });
        expect(response.status).toBe(502);
        const body = (await response.json()) as { error: { type: string; message: string } };
        expect(body.error.message).toBeTruthy();
        expect(await ledgerCharge(response.headers.get('x-request-id') as string)).toBeUndefined();
        expect(await balance()).toEqual(before);
      });
    });

    describe('a compatible preset (Mistral)', () => {
      it('serves mistral-embed from {base}/embeddings, charged at its catalog price', async () => {
        mistral.enqueue({ usage: { inputTokens: 777 } });
        const { data, response } = await client.embeddings
          .create({ model: 'mistral-embed', input: ['bonjour', 'salut'] })
          .withResponse();
        expect(data.data.map((item) => item.embedding)).toEqual(
          ['bonjour', 'salut'].map((text) => emulatedEmbedding('mistral-embed', text, 1024)),
        );
        expect(mistral.requests[0]?.path).toBe('/v1/embeddings');
        const requestId = response.headers.get('x-request-id') as string;
        const expected = listPrice('mistral', 'mistral-embed', 777);
        expect((await waitForLog(gateway, user, requestId)).cost).toBe(expected);
        expect(await ledgerCharge(requestId)).toMatchObject({ amount: -expected });
      });
    });

    describe('Gemini (batchEmbedContents)', () => {
      it('translates, passes task_type and dimensions, and charges AIHub’s estimate, marked estimated', async () => {
        const body = {
          model: 'gemini-embedding-001',
          input: ['first passage', 'second passage'],
          dimensions: 16,
          task_type: 'RETRIEVAL_DOCUMENT',
        };
        const { data, response } = await client.embeddings.create(body as OpenAI.EmbeddingCreateParams).withResponse();
        expect(data.data.map((item) => item.embedding)).toEqual(
          body.input.map((text) => emulatedEmbedding('gemini-embedding-001', text, 16)),
        );
        const sent = gateway.gemini.requests;
        expect(sent).toHaveLength(1);
        expect(sent[0]?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
        expect(sent[0]?.headers['x-goog-api-key']).toBe(UPSTREAM_KEY);
        expect(sent[0]?.body).toEqual({
          requests: body.input.map((text) => ({
            model: 'models/gemini-embedding-001',
            content: { parts: [{ text }] },
            taskType: 'RETRIEVAL_DOCUMENT',
            outputDimensionality: 16,
          })),
        });

        const estimate = estimatePromptTokens(embeddingHoldRequest(decodeEmbeddingRequest(body)));
        expect(data.usage).toEqual({ prompt_tokens: estimate, total_tokens: estimate });
        const requestId = response.headers.get('x-request-id') as string;
        const expected = listPrice('gemini', 'gemini-embedding-001', estimate);
        expect(await waitForLog(gateway, user, requestId)).toMatchObject({
          endpoint: 'embeddings',
          promptTokens: estimate,
          usageEstimated: true,
          cost: expected,
        });
        expect(await ledgerCharge(requestId)).toMatchObject({ amount: -expected });
      });

      it('charges the usage a newer model reports (usageMetadata.promptTokenCount)', async () => {
        gateway.gemini.enqueue({ usage: { inputTokens: 42 } });
        const embedding = await client.embeddings.create({ model: 'gemini-embedding-001', input: 'short' });
        expect(embedding.usage.prompt_tokens).toBe(42);
      });
    });

    describe('failover', () => {
      it.each([429, 503])('moves to the next channel when the first answers %i, and charges once', async (status) => {
        poolA.enqueue({ fault: { type: 'http-error', status } });
        poolB.enqueue({ usage: { inputTokens: 300 } });
        const { data, response } = await client.embeddings
          .create({ model: POOL_MODEL, input: ['x', 'y'], encoding_format: 'float' })
          .withResponse();
        expect(data.data).toHaveLength(2);
        expect(poolA.requests).toHaveLength(1);
        expect(poolB.requests).toHaveLength(1);
        expect(poolB.requests[0]?.body.model).toBe(OPENAI_MODEL);
        const requestId = response.headers.get('x-request-id') as string;
        const log = await waitForLog(gateway, user, requestId);
        expect(log).toMatchObject({ attempts: 2, promptTokens: 300, cost: listPrice('openai', OPENAI_MODEL, 300) });
        const charges = (await asUser(gateway, user, 'GET', '/api/ledger')).json.data.filter(
          (entry: { reference: string }) => entry.reference === requestId,
        );
        expect(charges).toHaveLength(1);
      });

      it('charges nothing when every channel fails', async () => {
        poolA.setScript({ fault: { type: 'http-error', status: 500 } });
        poolB.setScript({ fault: { type: 'http-error', status: 500 } });
        const before = await balance();
        const error = await refused(client.embeddings.create({ model: POOL_MODEL, input: 'x' }));
        expect(error.status).toBeGreaterThanOrEqual(500);
        expect(await balance()).toEqual(before);
      });
    });

    describe('the key’s rules', () => {
      it('refuses past the key’s requests-per-minute limit with a 429', async () => {
        const { key } = await createKey(gateway, user, { rpmLimit: 2 });
        const limited = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
        const first = await limited.embeddings.create({ model: OPENAI_MODEL, input: 'x' }).withResponse();
        expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('2');
        await limited.embeddings.create({ model: OPENAI_MODEL, input: 'x' });
        const error = await refused(limited.embeddings.create({ model: OPENAI_MODEL, input: 'x' }));
        expect(error).toBeInstanceOf(OpenAI.RateLimitError);
        expect(gateway.openai.requests).toHaveLength(2);
      });

      it('refuses a model the key may not use with a 403', async () => {
        const { key } = await createKey(gateway, user, { allowedModels: ['gemini-*'] });
        const restricted = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
        const error = await refused(restricted.embeddings.create({ model: OPENAI_MODEL, input: 'x' }));
        expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
        expect(error.message).toContain(OPENAI_MODEL);
        expect(gateway.openai.requests).toHaveLength(0);
      });
    });

    describe('refusals, in OpenAI’s envelope, charging nothing', () => {
      it('refuses a bad key with 401', async () => {
        const stranger = new OpenAI({ apiKey: 'sk-aihub-not-a-key', baseURL: gateway.baseURL, maxRetries: 0 });
        const error = await refused(stranger.embeddings.create({ model: OPENAI_MODEL, input: 'x' }));
        expect(error.status).toBe(401);
        expect(gateway.openai.requests).toHaveLength(0);
      });

      it('refuses more than 2048 inputs with 400 before any upstream call', async () => {
        const before = await balance();
        const inputs = Array.from({ length: 2049 }, (_, index) => `item ${index}`);
        const error = await refused(client.embeddings.create({ model: OPENAI_MODEL, input: inputs }));
        expect(error.status).toBe(400);
        expect(error.param).toBe('input');
        expect(error.message).toContain('2048');
        expect(gateway.openai.requests).toHaveLength(0);
        expect(await balance()).toEqual(before);
      });

      it('refuses more than 300,000 tokens in all for an OpenAI model with 400 naming input, before the hold', async () => {
        const before = await balance();
        // 40 token-id inputs of 7,501 tokens: each within the window, 300,040 in all.
        const inputs = Array.from({ length: 40 }, (_, index) => Array.from({ length: 7501 }, () => index));
        const error = await refused(client.embeddings.create({ model: OPENAI_MODEL, input: inputs }));
        expect(error.status).toBe(400);
        expect(error.param).toBe('input');
        expect(error.message).toContain('300000');
        expect(gateway.openai.requests).toHaveLength(0);
        expect(await balance()).toEqual(before);
      });

      it('refuses an input beyond the model’s context window with 400 naming it', async () => {
        const before = await balance();
        const long = 'tokens and more tokens '.repeat(3000);
        const { data: error, response } = await client.embeddings
          .create({ model: OPENAI_MODEL, input: ['fine', long] })
          .withResponse()
          .then(
            () => ({ data: undefined, response: undefined }),
            (thrown: InstanceType<typeof OpenAI.APIError>) => ({ data: thrown, response: thrown.headers }),
          );
        expect(error?.status).toBe(400);
        expect(error?.code).toBe('context_length_exceeded');
        expect(error?.param).toBe('input[1]');
        expect(gateway.openai.requests).toHaveLength(0);
        expect(await balance()).toEqual(before);
        const requestId = response?.get('x-request-id') as string;
        expect(await waitForLog(gateway, user, requestId)).toMatchObject({
          endpoint: 'embeddings',
          status: 400,
          cost: 0,
        });
      });

      it('answers 404 for a model served only by a vendor without embeddings (Anthropic)', async () => {
        const error = await refused(client.embeddings.create({ model: 'claude-sonnet-4-5', input: 'x' }));
        expect(error.status).toBe(404);
        expect(error.code).toBe('model_not_found');
        expect(gateway.anthropic.requests).toHaveLength(0);
      });

      it('refuses a model without a known price to a metered key (403), as chat does', async () => {
        const error = await refused(client.embeddings.create({ model: UNPRICED_MODEL, input: 'x' }));
        expect(error.status).toBe(403);
        expect(error.code).toBe('model_price_unknown');
        expect(poolB.requests).toHaveLength(0);
      });
    });
  });
}
