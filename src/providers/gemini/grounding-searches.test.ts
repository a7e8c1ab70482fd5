import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { decodeGeminiResponse } from './decode-response.js';
import { groundingSearches } from './grounding-searches.js';
import { createGeminiStreamDecoder } from './stream-decoder.js';

const context = (model: string): ProviderContext => ({
  target: { baseUrl: 'https://g', apiKey: 'k', model },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
});
/** A grounded candidate as Gemini answers one (pydantic-ai's recorded web search cassette, trimmed). */
const grounded = (queries: string[], index = 0) => ({
  content: { role: 'model', parts: [{ text: 'It is sunny.' }] },
  finishReason: 'STOP',
  index,
  groundingMetadata: {
    groundingChunks: [{ web: { title: 'weather.com', uri: 'https://vertexaisearch.cloud.google.com/x' } }],
    webSearchQueries: queries,
  },
});
const usageMetadata = { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 };

describe('groundingSearches', () => {
  it('counts every query on Gemini 3 (billed per search query), summed over candidates', () => {
    expect(groundingSearches([grounded(['a', 'b']), grounded(['c'], 1)], 'gemini-3-pro-preview')).toBe(3);
    expect(groundingSearches([grounded(['a', 'b'])], 'gemini-3.1-flash-lite')).toBe(2);
  });

  it('counts one grounded prompt on Gemini 2.x and earlier, however many queries ran', () => {
    expect(groundingSearches([grounded(['a', 'b', 'c'])], 'gemini-2.5-pro')).toBe(1);
    expect(groundingSearches([grounded(['a'])], 'models/gemini-2.0-flash-001')).toBe(1);
  });

  it('counts per query when the id does not tell the generation, and nothing without a query', () => {
    expect(groundingSearches([grounded(['a', 'b'])], 'gemini-flash-latest')).toBe(2);
    expect(groundingSearches([grounded([])], 'gemini-3-pro-preview')).toBeUndefined();
    expect(groundingSearches([{ content: { parts: [] } }], 'gemini-3-pro-preview')).toBeUndefined();
  });
});

describe('Gemini decoders report grounding searches in the usage', () => {
  it('a whole answer, by the modelVersion Google answered with', () => {
    const body = {
      candidates: [grounded(['weather today', 'forecast'])],
      usageMetadata,
      modelVersion: 'gemini-2.5-pro',
    };
    expect(decodeGeminiResponse(body, context('gemini-3-pro-preview')).usage?.serverToolCalls).toEqual({
      webSearch: 1,
    });
    const { modelVersion: _, ...unnamed } = body;
    expect(decodeGeminiResponse(unnamed, context('gemini-3-pro-preview')).usage?.serverToolCalls).toEqual({
      webSearch: 2,
    });
    const plain = { candidates: [{ content: { parts: [{ text: 'hi' }] } }], usageMetadata };
    expect(decodeGeminiResponse(plain, context('gemini-3-pro-preview')).usage?.serverToolCalls).toBeUndefined();
  });

  it('a stream whose grounding metadata comes with its last chunk', () => {
    const decoder = createGeminiStreamDecoder(context('gemini-3-flash-preview'));
    const chunks = [
      { candidates: [{ content: { role: 'model', parts: [{ text: 'It is ' }] }, index: 0 }], usageMetadata },
      { candidates: [grounded(['weather today', 'forecast'])], usageMetadata },
    ];
    const parts: StreamPart[] = chunks.flatMap((chunk) => decoder.push({ data: JSON.stringify(chunk) }));
    parts.push(...decoder.end());
    const usages = parts.filter((part) => part.type === 'usage');
    expect(usages.at(-1)?.usage.serverToolCalls).toEqual({ webSearch: 2 });
    expect(usages[0]?.usage.serverToolCalls).toBeUndefined();
  });
});
