import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../ir/index.js';
import { applyRoutingSuffix, splitRoutingSuffix } from './model-suffix.js';

const request = (model: string, extra: Partial<ChatRequest> = {}): ChatRequest =>
  ({ model, messages: [], stream: false, includeUsage: false, ...extra }) as ChatRequest;

describe('routing suffixes', () => {
  it('reads :floor as sort by price and :nitro as sort by throughput, only at the end', () => {
    expect(splitRoutingSuffix('deepseek-chat:floor')).toEqual({ model: 'deepseek-chat', sort: 'price' });
    expect(splitRoutingSuffix('gpt-4o:nitro')).toEqual({ model: 'gpt-4o', sort: 'throughput' });
    expect(splitRoutingSuffix('llama3:8b')).toEqual({ model: 'llama3:8b' });
    expect(splitRoutingSuffix('x:floor:free')).toEqual({ model: 'x:floor:free' });
    expect(splitRoutingSuffix(':floor')).toEqual({ model: ':floor' });
  });

  it('takes the suffix off the model and its fallbacks; provider.sort wins over it', () => {
    expect(applyRoutingSuffix(request('a:floor', { fallbackModels: ['b:nitro', 'a'] }))).toMatchObject({
      model: 'a',
      fallbackModels: ['b'],
      providerPreferences: { sort: 'price' },
    });
    const explicit = applyRoutingSuffix(request('a:nitro', { providerPreferences: { sort: 'latency', only: ['x'] } }));
    expect(explicit.providerPreferences).toEqual({ sort: 'latency', only: ['x'] });
    const plain = request('a');
    expect(applyRoutingSuffix(plain)).toBe(plain);
  });
});
