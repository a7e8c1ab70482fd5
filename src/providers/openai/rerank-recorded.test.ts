import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../../test/shared-fixtures.js';
import { decodeCohereRerank } from './rerank-cohere.js';
import { decodeJinaRerank } from './rerank-jina.js';

function recording(file: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_ROOT, 'vercel-ai', file), 'utf8'));
}

// Its own file: a suite that reads ../shared must skip whole where the folder is absent.
describeWithFixtures('rerank recordings (vercel-ai)', () => {
  it("decodes Cohere's recorded v2 answer: scores best first and one billed search", () => {
    const result = decodeCohereRerank(recording('cohere/src/reranking/__fixtures__/cohere-reranking.1.json'), 2);
    expect(result).toEqual({
      results: [
        { index: 1, relevanceScore: 0.10183054 },
        { index: 0, relevanceScore: 0.03762639 },
      ],
      searchUnits: 1,
      id: 'b44fe75b-e3d3-489a-b61e-1a1aede3ef72',
    });
  });

  it("decodes Together AI's recorded answer (the Jina shape, with empty documents) and its total tokens", () => {
    const result = decodeJinaRerank(recording('togetherai/src/reranking/__fixtures__/togetherai-reranking.1.json'), 6);
    expect(result.results).toEqual([
      { index: 0, relevanceScore: 0.6475887154399037 },
      { index: 5, relevanceScore: 0.6323295373206566 },
    ]);
    expect(result.totalTokens).toBe(2966);
    expect(result.model).toBe('Salesforce/Llama-Rank-v1');
  });
});
