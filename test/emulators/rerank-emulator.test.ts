import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRerankEmulator } from './rerank-emulator.js';
import { emulatedRelevance } from './rerank-format.js';
import type { Emulator } from './types.js';

const documents = ['sunny day at the beach', 'rainy afternoon in the city', 'snowy night in the mountains'];

interface RankedResult {
  index: number;
  relevance_score: number;
  document?: { text: string };
}

/** What the three vendors answer, the fields these tests read (each vendor fills some of them). */
interface RerankAnswer {
  id?: string;
  model?: string;
  results: RankedResult[];
  meta?: unknown;
  usage: { total_tokens: number };
  output: { results: RankedResult[] };
  /** The error text: Cohere's and DashScope's `message`, Jina's `detail`. */
  message?: string;
  detail?: unknown;
}

async function post(url: string, body: unknown, key = 'test-key') {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as RerankAnswer };
}

describe('rerank emulators', () => {
  let cohere: Emulator;
  let jina: Emulator;
  let dashscope: Emulator;
  beforeAll(async () => {
    [cohere, jina, dashscope] = await Promise.all([
      startRerankEmulator('cohere'),
      startRerankEmulator('jina'),
      startRerankEmulator('dashscope'),
    ]);
  });
  afterAll(() => Promise.all([cohere.close(), jina.close(), dashscope.close()]));

  it('Cohere: {host}/v2/rerank ranks by the emulated relevance, top_n, one search unit, no documents', async () => {
    const { status, body } = await post(`${cohere.url}/v2/rerank`, {
      model: 'rerank-v3.5',
      query: 'rain',
      documents,
      top_n: 2,
    });
    expect(status).toBe(200);
    const scores = documents.map((document) => emulatedRelevance('rerank-v3.5', 'rain', document));
    const best = scores.map((score, index) => ({ index, score })).sort((a, b) => b.score - a.score);
    expect(body.results).toEqual(best.slice(0, 2).map(({ index, score }) => ({ index, relevance_score: score })));
    expect(body.meta).toEqual({ api_version: { version: '2' }, billed_units: { search_units: 1 } });
    expect(typeof body.id).toBe('string');
  });

  it('Cohere: refuses {text} documents and a wrong key in its own envelope', async () => {
    const objects = await post(`${cohere.url}/v2/rerank`, { model: 'm', query: 'q', documents: [{ text: 'a' }] });
    expect(objects.status).toBe(400);
    expect(objects.body.message).toMatch(/strings/);
    expect((await post(`${cohere.url}/v2/rerank`, { model: 'm', query: 'q', documents }, 'bad')).status).toBe(401);
  });

  it('Jina: {base}/rerank answers documents unless told not to, and total tokens', async () => {
    const asked = await post(`${jina.url}/rerank`, { model: 'jina-reranker-m0', query: 'rain', documents });
    expect(asked.body.results).toHaveLength(3);
    expect(asked.body.results[0].document?.text).toBe(documents[asked.body.results[0].index]);
    expect(asked.body.usage.total_tokens).toBeGreaterThan(0);
    expect(asked.body.model).toBe('jina-reranker-m0');
    const bare = await post(`${jina.url}/rerank`, { model: 'm', query: 'rain', documents, return_documents: false });
    expect(bare.body.results[0].document).toBeUndefined();
  });

  it('DashScope: the text-rerank path beside compatible-mode, input/parameters in, output.results out', async () => {
    expect(dashscope.url.endsWith('/compatible-mode/v1')).toBe(true);
    const { body } = await post(`${dashscope.origin}/api/v1/services/rerank/text-rerank/text-rerank`, {
      model: 'gte-rerank-v2',
      input: { query: 'rain', documents },
      parameters: { top_n: 1, return_documents: true },
    });
    expect(body.output.results).toHaveLength(1);
    expect(body.output.results[0].document?.text).toBe(documents[body.output.results[0].index]);
    expect(body.usage.total_tokens).toBeGreaterThan(0);
  });

  it('faults: 429 with retry-after, then 503, in the vendor envelope; the script then answers', async () => {
    jina.enqueue(
      { fault: { type: 'http-error', status: 429, retryAfterSeconds: 3 } },
      { fault: { type: 'http-error', status: 503 } },
    );
    const limited = await post(`${jina.url}/rerank`, { model: 'm', query: 'q', documents });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(typeof limited.body.detail).toBe('string');
    expect((await post(`${jina.url}/rerank`, { model: 'm', query: 'q', documents })).status).toBe(503);
    expect((await post(`${jina.url}/rerank`, { model: 'm', query: 'q', documents })).status).toBe(200);
  });
});
