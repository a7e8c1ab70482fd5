import { describe, expect, it } from 'vitest';
import { applyGeminiOnlyFields } from './gemini-only-fields.js';

const contents = [{ role: 'user' as const, parts: [{ text: 'hi' }] }];

describe('applyGeminiOnlyFields', () => {
  it('sends safety settings, cached content and labels at the top level', () => {
    const safetySettings = [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }];
    expect(
      applyGeminiOnlyFields(
        { contents },
        { safetySettings, cachedContent: 'cachedContents/x', labels: { a: 'b' }, enable_thinking: true },
      ),
    ).toEqual({ contents, safetySettings, cachedContent: 'cachedContents/x', labels: { a: 'b' } });
  });

  it('merges Gemini-only generation settings under the ones the IR produced', () => {
    expect(
      applyGeminiOnlyFields(
        { contents, generationConfig: { temperature: 0.1 } },
        { generationConfig: { responseModalities: ['TEXT', 'IMAGE'], temperature: 2 } },
      ),
    ).toEqual({ contents, generationConfig: { responseModalities: ['TEXT', 'IMAGE'], temperature: 0.1 } });
  });

  it('leaves the body alone without extras', () => {
    const body = { contents };
    expect(applyGeminiOnlyFields(body, undefined)).toBe(body);
    expect(applyGeminiOnlyFields(body, { generationConfig: [1] })).toEqual(body);
  });
});
