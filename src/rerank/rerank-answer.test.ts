import { describe, expect, it } from 'vitest';
import { encodeRerankAnswer } from './rerank-answer.js';

const request = {
  model: 'rerank-v3.5',
  query: 'rain',
  documents: ['sunny beach', 'rainy city', 'snowy mountain'],
  returnDocuments: false,
};
const result = {
  results: [
    { index: 1, relevanceScore: 0.9 },
    { index: 2, relevanceScore: 0.2 },
    { index: 0, relevanceScore: 0.1 },
  ],
};

describe('encodeRerankAnswer', () => {
  it("answers Cohere's shape: id, results best first, meta.billed_units", () => {
    expect(encodeRerankAnswer(request, result, 'req-1', { searchUnits: 1 })).toEqual({
      id: 'req-1',
      results: [
        { index: 1, relevance_score: 0.9 },
        { index: 2, relevance_score: 0.2 },
        { index: 0, relevance_score: 0.1 },
      ],
      model: 'rerank-v3.5',
      meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
    });
  });

  it("fills documents from the request when asked, keeps top_n, and gives Jina's usage", () => {
    const answer = encodeRerankAnswer({ ...request, returnDocuments: true, topN: 2 }, result, 'req-2', {
      totalTokens: 42,
    });
    expect(answer.results).toEqual([
      { index: 1, relevance_score: 0.9, document: { text: 'rainy city' } },
      { index: 2, relevance_score: 0.2, document: { text: 'snowy mountain' } },
    ]);
    expect(answer.usage).toEqual({ total_tokens: 42 });
    expect(answer.meta).toEqual({ api_version: { version: '2' }, billed_units: {} });
  });
});
