/**
 * `POST /v1/rerank` end to end against the real server, with plain `fetch` (the Cohere and Jina
 * shapes are plain JSON): Jina and a Jina-shaped pool behind one endpoint, ranked as the upstream
 * ranked them, documents filled in when asked; failover from a 429 (retry-after) or 5xx channel to
 * the next, charged once; each answer charged at the catalog's input price per token the vendor
 * counted; refusals (bad input, unknown model, unpriced model) charge nothing and call no upstream;
 * one request-log row marked `rerank`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getBuiltinCatalog } from '../../src/catalog/catalog.js';
import { emulatedRelevance, startRerankEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const JINA_MODEL = 'jina-reranker-v2-base-multilingual';
/** Served by two Jina channels (A first), as Jina's priced reranker. */
const POOL_MODEL = 'rerank-pool';
/** Served by a channel whose upstream model has no price anywhere. */
const UNPRICED_MODEL = 'rerank-unpriced';
const DOCUMENTS = ['sunny day at the beach', 'rainy afternoon in the city', 'snowy night in the mountains'];

let gateway: Gateway;
let jina: Emulator;
let cohere: Emulator;
let dashscope: Emulator;
let poolA: Emulator;
let poolB: Emulator;
let configDir: string;
let user: Session;
let apiKey: string;

beforeAll(async () => {
  [jina, cohere, dashscope, poolA, poolB] = await Promise.all([
    startRerankEmulator('jina'),
    startRerankEmulator('cohere'),
    startRerankEmulator('dashscope'),
    startRerankEmulator('jina'),
    startRerankEmulator('jina'),
  ]);
  configDir = mkdtempSync(join(tmpdir(), 'aihub-rerank-'));
  const configPath = join(configDir, 'aihub.yaml');
  const channel = (name: string, emulator: Emulator, priority: number, model: string, upstream: string) => ({
    name,
    type: 'jina',
    base_url: emulator.url,
    key: UPSTREAM_KEY,
    models: [model],
    model_mapping: { [model]: upstream },
    priority,
  });
  const channels = [
    channel('pool-a', poolA, 20, POOL_MODEL, JINA_MODEL),
    channel('pool-b', poolB, 10, POOL_MODEL, JINA_MODEL),
    channel('unpriced', poolB, 10, UNPRICED_MODEL, 'house-reranker-v0'),
  ];
  writeFileSync(configPath, stringify({ channels }));
  gateway = await startGateway({
    AIHUB_CONFIG: configPath,
    JINA_API_KEY: UPSTREAM_KEY,
    JINA_BASE_URL: jina.url,
    COHERE_API_KEY: UPSTREAM_KEY,
    COHERE_BASE_URL: cohere.url,
    DASHSCOPE_API_KEY: UPSTREAM_KEY,
    DASHSCOPE_BASE_URL: dashscope.url,
  });
  user = await register(gateway, 'reranker@example.com');
  const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
    amount: 10_000_000,
    reason: 'rerank test credit',
  });
  expect(topUp.status).toBe(200);
  apiKey = (await createKey(gateway, user)).key;
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([jina?.close(), cohere?.close(), dashscope?.close(), poolA?.close(), poolB?.close()]);
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const emulator of [jina, cohere, dashscope, poolA, poolB]) emulator.reset();
  gateway.app.deps.routeHealth.reset();
});

async function rerank(body: unknown): Promise<{ status: number; requestId: string; body: any }> {
  const response = await fetch(`${gateway.baseURL}/rerank`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id') as string,
    body: await response.json(),
  };
}

/** The catalog's price of `tokens` input tokens, in units (1e-6 USD), rounded once half up. */
function listPrice(vendor: string, model: string, tokens: number): number {
  const input = getBuiltinCatalog().get(vendor, model)?.prices?.input;
  if (!input) throw new Error(`no input price for ${vendor}/${model}`);
  return Number((BigInt(tokens) * BigInt(input) + 500_000n) / 1_000_000n);
}

async function ledgerCharge(requestId: string): Promise<{ amount: number } | undefined> {
  const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
  return ledger.json.data.find((entry: { reference: string }) => entry.reference === requestId);
}

async function balance(): Promise<unknown> {
  return (await asUser(gateway, user, 'GET', '/api/balance')).json;
}

/** The emulated ranking of the documents for a query: indexes best first. */
function ranking(model: string, query: string, documents: string[]): number[] {
  return documents
    .map((document, index) => ({ index, score: emulatedRelevance(model, query, document) }))
    .sort((a, b) => b.score - a.score)
    .map(({ index }) => index);
}

describe('Jina behind /v1/rerank', () => {
  it('ranks as Jina ranked, fills documents in, and charges the tokens Jina counted at the catalog price', async () => {
    jina.enqueue({ usage: { inputTokens: 4321 } });
    const { status, requestId, body } = await rerank({
      model: JINA_MODEL,
      query: 'talk about rain',
      documents: [DOCUMENTS[0], { text: DOCUMENTS[1] }, DOCUMENTS[2]],
      top_n: 2,
      return_documents: true,
    });
    expect(status).toBe(200);
    const best = ranking(JINA_MODEL, 'talk about rain', DOCUMENTS).slice(0, 2);
    expect(body.results.map((result: { index: number }) => result.index)).toEqual(best);
    expect(body.results[0]).toEqual({
      index: best[0],
      relevance_score: emulatedRelevance(JINA_MODEL, 'talk about rain', DOCUMENTS[best[0] as number] as string),
      document: { text: DOCUMENTS[best[0] as number] },
    });
    expect(body).toMatchObject({ id: requestId, model: JINA_MODEL, usage: { total_tokens: 4321 } });
    expect(jina.requests).toHaveLength(1);
    expect(jina.requests[0]?.path).toBe('/v1/rerank');
    expect(jina.requests[0]?.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(jina.requests[0]?.body).toEqual({
      model: JINA_MODEL,
      query: 'talk about rain',
      documents: DOCUMENTS,
      top_n: 2,
      return_documents: false,
    });

    const expected = listPrice('jina', JINA_MODEL, 4321);
    expect(expected).toBeGreaterThan(0);
    expect(await waitForLog(gateway, user, requestId)).toMatchObject({
      surface: 'openai-chat',
      endpoint: 'rerank',
      modelRequested: JINA_MODEL,
      status: 200,
      stream: false,
      promptTokens: 4321,
      completionTokens: 0,
      usageEstimated: false,
      cost: expected,
    });
    expect(await ledgerCharge(requestId)).toMatchObject({ kind: 'charge', amount: -expected });
  });

  it('answers without documents by default', async () => {
    const { body } = await rerank({ model: JINA_MODEL, query: 'snow', documents: DOCUMENTS });
    expect(body.results).toHaveLength(3);
    expect(body.results.every((result: object) => !('document' in result))).toBe(true);
  });
});

describe('Cohere behind /v1/rerank', () => {
  it("sends Cohere's v2 body to {host}/v2/rerank and reports the search it billed, charged at its price", async () => {
    const { status, requestId, body } = await rerank({
      model: 'rerank-v3.5',
      query: 'talk about rain',
      documents: DOCUMENTS,
      top_n: 3,
      return_documents: true,
      max_tokens_per_doc: 512,
    });
    expect(status).toBe(200);
    expect(cohere.requests[0]?.path).toBe('/v2/rerank');
    expect(cohere.requests[0]?.body).toEqual({
      model: 'rerank-v3.5',
      query: 'talk about rain',
      documents: DOCUMENTS,
      top_n: 3,
      max_tokens_per_doc: 512,
    });
    const best = ranking('rerank-v3.5', 'talk about rain', DOCUMENTS);
    expect(body.results.map((result: { index: number }) => result.index)).toEqual(best);
    expect(body.results[0].document).toEqual({ text: DOCUMENTS[best[0] as number] });
    expect(body.meta).toEqual({ api_version: { version: '2' }, billed_units: { search_units: 1 } });
    const perSearch = getBuiltinCatalog().get('cohere', 'rerank-v3.5')?.prices?.perRequest as number;
    expect(perSearch).toBeGreaterThan(0);
    expect(await waitForLog(gateway, user, requestId)).toMatchObject({
      endpoint: 'rerank',
      cost: perSearch,
      units: { search: 1 },
    });
    expect(await ledgerCharge(requestId)).toMatchObject({ amount: -perSearch });
  });

  it('charges 150 documents as the two searches Cohere bills', async () => {
    const documents = Array.from({ length: 150 }, (_, index) => `document number ${index}`);
    const { status, requestId, body } = await rerank({ model: 'rerank-v3.5', query: 'which?', documents, top_n: 5 });
    expect(status).toBe(200);
    expect(body.results).toHaveLength(5);
    expect(body.meta.billed_units).toEqual({ search_units: 2 });
    const perSearch = getBuiltinCatalog().get('cohere', 'rerank-v3.5')?.prices?.perRequest as number;
    expect(await waitForLog(gateway, user, requestId)).toMatchObject({ cost: 2 * perSearch, units: { search: 2 } });
    expect(await ledgerCharge(requestId)).toMatchObject({ amount: -2 * perSearch });
  });

  it('releases the held searches when Cohere fails, charging nothing', async () => {
    const before = await balance();
    cohere.enqueue({ fault: { type: 'http-error', status: 500 } });
    const { status } = await rerank({ model: 'rerank-v3.5', query: 'q', documents: DOCUMENTS });
    expect(status).toBeGreaterThanOrEqual(500);
    expect(await balance()).toEqual(before);
  });
});

describe('DashScope behind /v1/rerank', () => {
  it("sends gte-rerank-v2 to DashScope's native text-rerank path beside its compatible mode", async () => {
    dashscope.enqueue({ usage: { inputTokens: 2000 } });
    const { status, requestId, body } = await rerank({
      model: 'gte-rerank-v2',
      query: 'talk about rain',
      documents: DOCUMENTS,
      top_n: 2,
    });
    expect(status).toBe(200);
    expect(dashscope.requests[0]?.path).toBe('/api/v1/services/rerank/text-rerank/text-rerank');
    expect(dashscope.requests[0]?.body).toEqual({
      model: 'gte-rerank-v2',
      input: { query: 'talk about rain', documents: DOCUMENTS },
      parameters: { top_n: 2, return_documents: false },
    });
    expect(body.results.map((result: { index: number }) => result.index)).toEqual(
      ranking('gte-rerank-v2', 'talk about rain', DOCUMENTS).slice(0, 2),
    );
    expect(body.usage).toEqual({ total_tokens: 2000 });
    // AIHub's default price (media-prices.ts): $0.115 per 1M input tokens.
    expect(await waitForLog(gateway, user, requestId)).toMatchObject({ endpoint: 'rerank', cost: 230 });
    expect(await ledgerCharge(requestId)).toMatchObject({ amount: -230 });
  });
});

describe('failover', () => {
  it.each([
    ['a 429 with retry-after', { type: 'http-error' as const, status: 429, retryAfterSeconds: 30 }],
    ['a 503', { type: 'http-error' as const, status: 503 }],
  ])('moves on from %s to the next channel, charged once', async (_name, fault) => {
    poolA.enqueue({ fault });
    poolB.enqueue({ usage: { inputTokens: 100 } });
    const { status, requestId, body } = await rerank({ model: POOL_MODEL, query: 'rain', documents: DOCUMENTS });
    expect(status).toBe(200);
    expect(body.usage).toEqual({ total_tokens: 100 });
    expect(poolA.requests).toHaveLength(1);
    expect(poolB.requests).toHaveLength(1);
    expect(poolB.requests[0]?.body).toMatchObject({ model: JINA_MODEL });
    const log = await waitForLog(gateway, user, requestId);
    expect(log).toMatchObject({ endpoint: 'rerank', attempts: 2, cost: listPrice('jina', JINA_MODEL, 100) });
    expect(await ledgerCharge(requestId)).toMatchObject({ amount: -listPrice('jina', JINA_MODEL, 100) });
  });

  it("ends in the upstream's 429 when every channel is limited, with retry-after and nothing charged", async () => {
    const before = await balance();
    poolA.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 7 } });
    poolB.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 7 } });
    const response = await fetch(`${gateway.baseURL}/rerank`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: POOL_MODEL, query: 'rain', documents: DOCUMENTS }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBeTruthy();
    const body = (await response.json()) as { error: { type: string } };
    expect(body.error.type).toBeTruthy();
    expect(await balance()).toEqual(before);
  });
});

describe('refusals charge nothing', () => {
  it.each([
    ['no query', { model: JINA_MODEL, documents: DOCUMENTS }, 400, 'query'],
    ['empty documents', { model: JINA_MODEL, query: 'q', documents: [] }, 400, 'documents'],
    [
      'a document without text',
      { model: JINA_MODEL, query: 'q', documents: ['a', { image: 'x' }] },
      400,
      'documents[1]',
    ],
    ['a bad top_n', { model: JINA_MODEL, query: 'q', documents: DOCUMENTS, top_n: 0 }, 400, 'top_n'],
    ['a model no reranking channel serves', { model: 'gpt-4o-mini', query: 'q', documents: DOCUMENTS }, 404, 'model'],
  ])('%s: a clear 4xx in the OpenAI envelope, no upstream call', async (_name, request, status, param) => {
    const before = await balance();
    const { status: got, body } = await rerank(request);
    expect(got).toBe(status);
    expect(body.error).toMatchObject({ param });
    expect(typeof body.error.message).toBe('string');
    expect(jina.requests.length + cohere.requests.length + poolA.requests.length + poolB.requests.length).toBe(0);
    expect(await balance()).toEqual(before);
  });

  it('an unpriced model: 403 model_price_unknown before any upstream call', async () => {
    const before = await balance();
    const { status, body } = await rerank({ model: UNPRICED_MODEL, query: 'q', documents: DOCUMENTS });
    expect(status).toBe(403);
    expect(body.error.code).toBe('model_price_unknown');
    expect(poolB.requests).toHaveLength(0);
    expect(await balance()).toEqual(before);
  });

  it("the upstream's own 400 ends the request without failing over, charged nothing", async () => {
    const before = await balance();
    poolA.enqueue({ fault: { type: 'http-error', status: 400, message: 'query too long' } });
    const { status, body } = await rerank({ model: POOL_MODEL, query: 'q', documents: DOCUMENTS });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/query too long/);
    expect(poolB.requests).toHaveLength(0);
    expect(await balance()).toEqual(before);
  });
});
