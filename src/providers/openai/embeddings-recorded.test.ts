import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../../test/shared-fixtures.js';
import { decodeOpenAIEmbeddings } from './embeddings.js';

// Its own file: a suite that reads ../shared must skip whole where the folder is absent.
describeWithFixtures('OpenAI embedding recording (vercel-ai)', () => {
  it('decodes the recorded answer: two vectors in order, and its usage', () => {
    const recorded = JSON.parse(
      readFileSync(
        path.join(FIXTURES_ROOT, 'vercel-ai/openai/src/embedding/__fixtures__/openai-embedding.json'),
        'utf8',
      ),
    );
    const result = decodeOpenAIEmbeddings(recorded, 2);
    expect(result.promptTokens).toBe(12);
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.vectors).toEqual(recorded.data.map((item: { embedding: number[] }) => item.embedding));
    expect(result.vectors[0]?.[0]).toBe(0.0057293195);
  });
});
