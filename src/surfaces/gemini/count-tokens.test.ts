import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import type { SurfaceInput } from '../surface.js';
import { countGeminiTokens } from './count-tokens.js';

function input(body: unknown): SurfaceInput {
  return { body, headers: {}, query: {}, params: { model: 'gemini-2.5-flash', action: 'countTokens' } };
}

const contents = [{ role: 'user', parts: [{ text: 'The quick brown fox jumps over the lazy dog.' }] }];

describe('countGeminiTokens', () => {
  it('counts the same prompt in both body forms, more for a longer prompt', () => {
    const direct = countGeminiTokens(input({ contents }));
    const wrapped = countGeminiTokens(
      input({ generateContentRequest: { model: 'models/gemini-2.5-flash', contents } }),
    );
    expect(direct).toEqual(wrapped);
    // 10 o200k tokens of text plus message framing and reply priming.
    expect(direct.totalTokens).toBeGreaterThanOrEqual(10);
    expect(direct.totalTokens).toBeLessThan(30);
    const longer = countGeminiTokens(input({ contents: [...contents, ...contents] }));
    expect(longer.totalTokens).toBeGreaterThan(direct.totalTokens);
  });

  it('rejects a bad body with the decoder’s 400', () => {
    expect(() => countGeminiTokens(input({ contents: 5 }))).toThrow(GatewayError);
  });
});
