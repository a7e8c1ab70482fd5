import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import type { RerankRequest } from '../../rerank/rerank-types.js';
import type { ProviderContext } from '../provider.js';
import { decodeOpenAIRerank, encodeOpenAIRerank, openAIRerankBilling } from './rerank.js';
import { dashscopeRerankUrl } from './rerank-dashscope.js';

const request: RerankRequest = {
  model: 'alias',
  query: 'talk about rain',
  documents: ['sunny day at the beach', 'rainy afternoon in the city'],
  topN: 2,
  returnDocuments: true,
  maxTokensPerDoc: 1000,
};

function context(name: string, baseUrl: string): ProviderContext {
  return {
    target: { baseUrl, apiKey: 'sk-up', model: 'upstream-model', headers: { 'X-Extra': '1' } },
    generateId: (prefix) => `${prefix}1`,
    now: () => 0,
    compat: { name },
  };
}

describe('rerank wires', () => {
  it('bill Cohere per search, Jina, DashScope and custom endpoints by tokens, OpenAI not at all', () => {
    expect(openAIRerankBilling({ name: 'cohere' })).toBe('search');
    expect(openAIRerankBilling({ name: 'jina' })).toBe('tokens');
    expect(openAIRerankBilling({ name: 'dashscope' })).toBe('tokens');
    expect(openAIRerankBilling({ name: 'custom' })).toBe('tokens');
    expect(openAIRerankBilling(undefined)).toBeUndefined();
    expect(openAIRerankBilling({ name: 'deepseek' })).toBeUndefined();
  });

  it("send Cohere's v2 body to {host}/v2/rerank: strings, top_n, max_tokens_per_doc, no return_documents", () => {
    const { http, droppedParams } = encodeOpenAIRerank(request, context('cohere', 'https://api.cohere.com/'));
    expect(http.url).toBe('https://api.cohere.com/v2/rerank');
    expect(http.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer sk-up', 'x-extra': '1' });
    expect(JSON.parse(http.body)).toEqual({
      model: 'upstream-model',
      query: 'talk about rain',
      documents: ['sunny day at the beach', 'rainy afternoon in the city'],
      top_n: 2,
      max_tokens_per_doc: 1000,
    });
    expect(droppedParams).toEqual([]);
  });

  it("send Jina's body to {base}/rerank without documents back, and report max_tokens_per_doc dropped", () => {
    const { http, droppedParams } = encodeOpenAIRerank(request, context('jina', 'https://api.jina.ai/v1'));
    expect(http.url).toBe('https://api.jina.ai/v1/rerank');
    expect(JSON.parse(http.body)).toEqual({
      model: 'upstream-model',
      query: 'talk about rain',
      documents: ['sunny day at the beach', 'rainy afternoon in the city'],
      top_n: 2,
      return_documents: false,
    });
    expect(droppedParams).toEqual(['max_tokens_per_doc']);
  });

  it("send DashScope's input/parameters body to its native text-rerank path on the channel's host", () => {
    const base = 'https://dashscope.aliyuncs.com/compatible-mode/v1';
    const { http } = encodeOpenAIRerank(request, context('dashscope', base));
    expect(http.url).toBe('https://dashscope.aliyuncs.com/api/v1/services/rerank/text-rerank/text-rerank');
    expect(JSON.parse(http.body)).toEqual({
      model: 'upstream-model',
      input: { query: 'talk about rain', documents: ['sunny day at the beach', 'rainy afternoon in the city'] },
      parameters: { top_n: 2, return_documents: false },
    });
    expect(dashscopeRerankUrl('https://dashscope-intl.aliyuncs.com/compatible-mode/v1/')).toBe(
      'https://dashscope-intl.aliyuncs.com/api/v1/services/rerank/text-rerank/text-rerank',
    );
    expect(dashscopeRerankUrl('http://127.0.0.1:9000')).toBe(
      'http://127.0.0.1:9000/api/v1/services/rerank/text-rerank/text-rerank',
    );
  });

  it('read each wire’s scores in the order given, and what it billed', () => {
    const results = [
      { index: 1, relevance_score: 0.9 },
      { index: 0, relevance_score: 0.1 },
    ];
    const scores = [
      { index: 1, relevanceScore: 0.9 },
      { index: 0, relevanceScore: 0.1 },
    ];
    const cohere = { id: 'c-1', results, meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } } };
    expect(decodeOpenAIRerank(cohere, context('cohere', 'h'), 2)).toEqual({
      results: scores,
      searchUnits: 1,
      id: 'c-1',
    });
    const jina = { model: 'jina-reranker-v2-base-multilingual', usage: { total_tokens: 31 }, results };
    expect(decodeOpenAIRerank(jina, context('jina', 'h'), 2)).toEqual({
      results: scores,
      totalTokens: 31,
      model: 'jina-reranker-v2-base-multilingual',
    });
    const dashscope = { output: { results }, usage: { total_tokens: 27 }, request_id: 'r-1' };
    expect(decodeOpenAIRerank(dashscope, context('dashscope', 'h'), 2)).toEqual({
      results: scores,
      totalTokens: 27,
      id: 'r-1',
    });
  });

  it.each([
    ['no results', {}],
    ['an index past the documents', { results: [{ index: 2, relevance_score: 0.5 }] }],
    [
      'an index twice',
      {
        results: [
          { index: 0, relevance_score: 0.5 },
          { index: 0, relevance_score: 0.4 },
        ],
      },
    ],
    ['a score that is not a number', { results: [{ index: 0, relevance_score: '0.5' }] }],
  ])('refuse an answer with %s as an upstream fault', (_name, body) => {
    let thrown: unknown;
    try {
      decodeOpenAIRerank(body, context('jina', 'h'), 2);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).kind).toBe('upstream_error');
  });
});
