import { describe, expect, it } from 'vitest';
import { searchBound, searchesFor } from './rerank-searches.js';

const request = (documents: string[], extra: { maxTokensPerDoc?: number } = {}) => ({
  model: 'rerank-v3.5',
  query: 'which one?',
  documents,
  returnDocuments: false,
  ...extra,
});

describe('Cohere searches', () => {
  it('are one per 100 documents or part of them', () => {
    expect(searchesFor(1)).toBe(1);
    expect(searchesFor(100)).toBe(1);
    expect(searchesFor(101)).toBe(2);
    expect(searchesFor(250)).toBe(3);
  });

  it('bound short documents by their count', () => {
    expect(searchBound(request(Array.from({ length: 100 }, () => 'short')))).toBe(1);
    expect(searchBound(request(Array.from({ length: 101 }, () => 'short')))).toBe(2);
  });

  it('bound long documents by the 500-token chunks they could make, up to the truncation', () => {
    // 1,990 bytes + 10 of query: four chunks each, so 25 documents fill one search.
    const long = 'x'.repeat(1990);
    expect(searchBound(request(Array.from({ length: 25 }, () => long)))).toBe(1);
    expect(searchBound(request(Array.from({ length: 26 }, () => long)))).toBe(2);
    // Truncated at 490 tokens, a document with the query is one chunk again.
    expect(
      searchBound(
        request(
          Array.from({ length: 100 }, () => long),
          { maxTokensPerDoc: 490 },
        ),
      ),
    ).toBe(1);
  });
});
