import { describe, expect, it } from 'vitest';
import { countTokens } from '../billing/token-estimate.js';
import { rerankHoldRequest, rerankTokenEstimate } from './rerank-tokens.js';

const request = {
  model: 'jina-reranker-m0',
  query: 'rain?',
  documents: ['sunny beach', 'rainy city'],
  returnDocuments: false,
};

describe('rerank tokens', () => {
  it('hold the query read with every document, and no output', () => {
    const hold = rerankHoldRequest(request);
    expect(hold.maxOutputTokens).toBe(0);
    expect(hold.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'rain?\n\nsunny beach' }] },
      { role: 'user', content: [{ type: 'text', text: 'rain?\n\nrainy city' }] },
    ]);
  });

  it('count the query once per document for the rate limits', () => {
    expect(rerankTokenEstimate(request)).toBe(
      2 * countTokens('rain?') + countTokens('sunny beach') + countTokens('rainy city'),
    );
  });
});
