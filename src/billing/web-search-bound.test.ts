import { describe, expect, it } from 'vitest';
import type { ServerTool } from '../ir/index.js';
import { webSearchCallBound } from './web-search-bound.js';

const tool = (origin: ServerTool['origin'], type: string, definition: Record<string, unknown> = {}): ServerTool => ({
  origin,
  type,
  definition: { type, ...definition },
});

describe('webSearchCallBound', () => {
  it("uses Anthropic's max_uses, and the operator's bound when it is absent", () => {
    expect(webSearchCallBound({ serverTools: [tool('anthropic', 'web_search_20250305', { max_uses: 3 })] }, 20)).toBe(
      3,
    );
    expect(webSearchCallBound({ serverTools: [tool('anthropic', 'web_search_20260209')] }, 20)).toBe(20);
    expect(webSearchCallBound({ serverTools: [tool('anthropic', 'web_search_20250305', { max_uses: 'x' })] }, 7)).toBe(
      7,
    );
  });

  it('bounds OpenAI web_search and Gemini googleSearch, which have no cap, by the operator', () => {
    expect(webSearchCallBound({ serverTools: [tool('openai-responses', 'web_search')] }, 20)).toBe(20);
    expect(webSearchCallBound({ serverTools: [tool('openai-responses', 'web_search_preview')] }, 20)).toBe(20);
    expect(webSearchCallBound({ serverTools: [tool('gemini', 'googleSearch')] }, 9)).toBe(9);
  });

  it('adds several search tools and ignores tools not billed per search', () => {
    const serverTools = [
      tool('anthropic', 'web_search_20250305', { max_uses: 2 }),
      tool('anthropic', 'web_search_20260209', { max_uses: 5 }),
      tool('anthropic', 'code_execution_20250825'),
      tool('anthropic', 'web_fetch_20250910'),
    ];
    expect(webSearchCallBound({ serverTools }, 20)).toBe(7);
    expect(webSearchCallBound({ serverTools: [tool('gemini', 'codeExecution')] }, 20)).toBe(0);
    expect(webSearchCallBound({}, 20)).toBe(0);
  });
});
