import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../ir/index.js';
import { refuseForeignServerFeatures } from './server-tools.js';

const base: ChatRequest = {
  model: 'm',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  stream: false,
  includeUsage: false,
};
const webSearch = {
  origin: 'anthropic' as const,
  type: 'web_search_20250305',
  definition: { type: 'web_search_20250305', name: 'web_search' },
};
const googleSearch = { origin: 'gemini' as const, type: 'googleSearch', definition: { googleSearch: {} } };

describe('refuseForeignServerFeatures', () => {
  it('lets each provider run its own vendor’s server tools', () => {
    expect(() => refuseForeignServerFeatures({ ...base, serverTools: [webSearch] }, 'anthropic')).not.toThrow();
    expect(() => refuseForeignServerFeatures({ ...base, serverTools: [googleSearch] }, 'gemini')).not.toThrow();
    expect(() => refuseForeignServerFeatures(base, 'openai')).not.toThrow();
  });

  it.each([
    ['openai', webSearch],
    ['gemini', webSearch],
    ['anthropic', googleSearch],
    ['openai', googleSearch],
  ] as const)('%s refuses %j with a 400 naming the tool', (provider, tool) => {
    expect(() => refuseForeignServerFeatures({ ...base, serverTools: [tool] }, provider)).toThrow(
      expect.objectContaining({
        kind: 'invalid_request',
        status: 400,
        param: 'tools',
        message: expect.stringContaining(tool.type),
      }),
    );
  });

  it.each(['openai', 'gemini'] as const)('%s refuses containers, MCP servers and document citations', (provider) => {
    for (const extraBody of [{ container: 'c' }, { mcp_servers: [] }]) {
      expect(() => refuseForeignServerFeatures({ ...base, extraBody }, provider)).toThrow(
        expect.objectContaining({ status: 400, param: Object.keys(extraBody)[0] }),
      );
    }
    const cited: ChatRequest = {
      ...base,
      messages: [
        {
          role: 'user',
          content: [{ type: 'file', source: { kind: 'url', url: 'https://x.test/a.pdf' }, citations: true }],
        },
      ],
    };
    expect(() => refuseForeignServerFeatures(cited, provider)).toThrow('Document citations');
    expect(() => refuseForeignServerFeatures(cited, 'anthropic')).not.toThrow();
    expect(() =>
      refuseForeignServerFeatures({ ...base, extraBody: { context_management: {} } }, provider),
    ).not.toThrow();
  });
});
