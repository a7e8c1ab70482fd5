import { expect, it } from 'vitest';
import { isTokenizerLoaded, quickPromptEstimate } from './token-estimate.js';

// Its own file (and so its own process under the forks pool): nothing here may load o200k.
it('the quick estimate never loads the o200k tables (~70 MB); the first exact count does', async () => {
  const estimate = quickPromptEstimate({
    model: 'm',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hello there' }] }],
    stream: false,
    includeUsage: false,
  });
  expect(estimate).toBeGreaterThan(0);
  expect(isTokenizerLoaded()).toBe(false);
  const { countTokens } = await import('./token-estimate.js');
  expect(countTokens('hello there')).toBe(2);
  expect(isTokenizerLoaded()).toBe(true);
});
