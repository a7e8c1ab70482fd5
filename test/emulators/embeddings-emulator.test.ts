/**
 * The emulators' embedding endpoints: OpenAI's `/embeddings` (what the official SDK reads, base64
 * and floats, dimensions, usage, scripted faults) and Gemini's `:batchEmbedContents` and
 * `:embedContent` (Google's checks of the request, vectors in order, usage only when scripted).
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultEmbeddingDimensions, emulatedEmbedding } from './embedding-format.js';
import { type Emulator, startGeminiEmulator, startOpenAIEmulator } from './index.js';
import { geminiHeaders, openaiHeaders, post } from './test-helpers.js';

let openai: Emulator;
let gemini: Emulator;
beforeAll(async () => {
  [openai, gemini] = await Promise.all([startOpenAIEmulator(), startGeminiEmulator()]);
});
afterAll(() => Promise.all([openai.close(), gemini.close()]));
beforeEach(() => {
  openai.reset();
  gemini.reset();
});

describe('emulatedEmbedding', () => {
  it('is deterministic, unit length, and differs by input and model', () => {
    const vector = emulatedEmbedding('m', 'text', 64);
    expect(vector).toHaveLength(64);
    expect(emulatedEmbedding('m', 'text', 64)).toEqual(vector);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(emulatedEmbedding('m', 'other', 64)).not.toEqual(vector);
    expect(emulatedEmbedding('n', 'text', 64)).not.toEqual(vector);
  });
});

describe('OpenAI emulator: /embeddings', () => {
  it('answers the official SDK (base64 by default) with the vectors, in order, and chars/4 usage', async () => {
    const client = new OpenAI({ apiKey: 'test-key', baseURL: openai.url, maxRetries: 0 });
    const answer = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['abcd', 'efghijkl'] });
    expect(answer.data.map((item) => item.embedding)).toEqual(
      ['abcd', 'efghijkl'].map((text) => emulatedEmbedding('text-embedding-3-small', text, 1536)),
    );
    expect(answer.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(openai.requests[0]?.body.encoding_format).toBe('base64');
  });

  it('honours dimensions and a scripted usage, and answers floats when asked', async () => {
    openai.enqueue({ usage: { inputTokens: 99 } });
    const res = await post(
      `${openai.url}/embeddings`,
      { model: 'text-embedding-3-large', input: 'x', dimensions: 4, encoding_format: 'float' },
      openaiHeaders,
    );
    const body = JSON.parse(res.text);
    expect(body.data[0].embedding).toEqual(emulatedEmbedding('text-embedding-3-large', 'x', 4));
    expect(body.usage.prompt_tokens).toBe(99);
    expect(defaultEmbeddingDimensions('text-embedding-3-large')).toBe(3072);
  });

  it('plays scripted faults, and refuses an empty input', async () => {
    openai.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 2 } });
    const limited = await post(`${openai.url}/embeddings`, { model: 'm', input: 'x' }, openaiHeaders);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    const empty = await post(`${openai.url}/embeddings`, { model: 'm', input: [] }, openaiHeaders);
    expect(empty.status).toBe(400);
  });
});

describe('Gemini emulator: embeddings', () => {
  const base = () => `${gemini.url}/v1beta/models/gemini-embedding-001`;
  const item = (text: string, extra: Record<string, unknown> = {}) => ({
    model: 'models/gemini-embedding-001',
    content: { parts: [{ text }] },
    ...extra,
  });

  it('answers batchEmbedContents in order, with outputDimensionality, and no usage', async () => {
    const res = await post(
      `${base()}:batchEmbedContents`,
      { requests: [item('a', { outputDimensionality: 3 }), item('b', { outputDimensionality: 3 })] },
      geminiHeaders,
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body).toEqual({
      embeddings: [
        { values: emulatedEmbedding('gemini-embedding-001', 'a', 3) },
        { values: emulatedEmbedding('gemini-embedding-001', 'b', 3) },
      ],
    });
  });

  it('answers embedContent, with usageMetadata when the script gives a usage', async () => {
    gemini.enqueue({ usage: { inputTokens: 7 } });
    const res = await post(`${base()}:embedContent`, { content: { parts: [{ text: 'hi' }] } }, geminiHeaders);
    const body = JSON.parse(res.text);
    expect(body.embedding.values).toHaveLength(3072);
    expect(body.usageMetadata).toEqual({ promptTokenCount: 7 });
  });

  it('refuses, as Google does, a batch whose request names another model, or none at all', async () => {
    const other = await post(
      `${base()}:batchEmbedContents`,
      { requests: [{ ...item('a'), model: 'models/text-embedding-004' }] },
      geminiHeaders,
    );
    expect(other.status).toBe(400);
    expect(JSON.parse(other.text).error.message).toContain('Model names should match');
    const none = await post(`${base()}:batchEmbedContents`, { requests: [] }, geminiHeaders);
    expect(none.status).toBe(400);
  });

  it('plays scripted faults', async () => {
    gemini.enqueue({ fault: { type: 'http-error', status: 503 } });
    const res = await post(`${base()}:batchEmbedContents`, { requests: [item('a')] }, geminiHeaders);
    expect(res.status).toBe(503);
  });
});
