import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import {
  assertWithinOpenAIRequestCap,
  hasOpenAIRequestCap,
  OPENAI_EMBEDDING_REQUEST_TOKENS,
} from './embedding-request-cap.js';

describe("OpenAI's 300,000-token cap per embeddings request", () => {
  it('admits inputs that add up to the cap exactly', () => {
    expect(() => assertWithinOpenAIRequestCap([OPENAI_EMBEDDING_REQUEST_TOKENS - 1, 1])).not.toThrow();
  });

  it('refuses one token more with a 400 naming input', () => {
    let thrown: unknown;
    try {
      assertWithinOpenAIRequestCap([150_000, 150_000, 1]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    const error = thrown as GatewayError;
    expect(error.status).toBe(400);
    expect(error.param).toBe('input');
    expect(error.message).toMatch(/300001 tokens in all.*at most 300000/);
  });

  it("applies to OpenAI channels and OpenAI's models anywhere, not to other vendors' models", () => {
    expect(hasOpenAIRequestCap('openai', 'house-embedder')).toBe(true);
    expect(hasOpenAIRequestCap('custom', 'text-embedding-3-small')).toBe(true);
    expect(hasOpenAIRequestCap('mistral', 'mistral-embed')).toBe(false);
    expect(hasOpenAIRequestCap('gemini', 'gemini-embedding-001')).toBe(false);
  });
});
