import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { decodeRerankRequest, MAX_RERANK_DOCUMENTS } from './rerank-request.js';

function refusal(body: unknown): GatewayError {
  try {
    decodeRerankRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('decodeRerankRequest', () => {
  it("takes Cohere's strings and Jina's {text} objects, in order", () => {
    const request = decodeRerankRequest({
      model: 'rerank-v3.5',
      query: 'rain',
      documents: ['sunny beach', { text: 'rainy city', title: 'ignored' }],
      top_n: 5,
      return_documents: true,
      max_tokens_per_doc: 512,
    });
    expect(request).toEqual({
      model: 'rerank-v3.5',
      query: 'rain',
      documents: ['sunny beach', 'rainy city'],
      topN: 2,
      returnDocuments: true,
      maxTokensPerDoc: 512,
    });
  });

  it('defaults to no documents back and no top_n (null counts as absent)', () => {
    expect(decodeRerankRequest({ model: 'm', query: 'q', documents: ['a'], top_n: null })).toEqual({
      model: 'm',
      query: 'q',
      documents: ['a'],
      returnDocuments: false,
    });
  });

  it.each([
    [{ query: 'q', documents: ['a'] }, 'model'],
    [{ model: 'm', documents: ['a'] }, 'query'],
    [{ model: 'm', query: '  ', documents: ['a'] }, 'query'],
    [{ model: 'm', query: 'q' }, 'documents'],
    [{ model: 'm', query: 'q', documents: [] }, 'documents'],
    [{ model: 'm', query: 'q', documents: 'a' }, 'documents'],
    [{ model: 'm', query: 'q', documents: ['a', 3] }, 'documents[1]'],
    [{ model: 'm', query: 'q', documents: ['a', { image: 'x' }] }, 'documents[1]'],
    [{ model: 'm', query: 'q', documents: ['a', ''] }, 'documents[1]'],
    [{ model: 'm', query: 'q', documents: ['a'], top_n: 0 }, 'top_n'],
    [{ model: 'm', query: 'q', documents: ['a'], top_n: 1.5 }, 'top_n'],
    [{ model: 'm', query: 'q', documents: ['a'], return_documents: 'yes' }, 'return_documents'],
    [{ model: 'm', query: 'q', documents: ['a'], max_tokens_per_doc: -1 }, 'max_tokens_per_doc'],
  ])('refuses %j with a 400 naming %s', (body, param) => {
    const error = refusal(body);
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
  });

  it('refuses more documents than Cohere takes', () => {
    const documents = Array.from({ length: MAX_RERANK_DOCUMENTS + 1 }, () => 'd');
    expect(refusal({ model: 'm', query: 'q', documents }).message).toMatch(/at most 10000 documents/);
  });

  it('refuses a body that is not an object', () => {
    expect(refusal([1]).status).toBe(400);
  });
});
