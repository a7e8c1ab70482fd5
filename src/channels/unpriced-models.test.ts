import { describe, expect, it } from 'vitest';
import { unpricedModels } from './unpriced-models.js';

describe('unpricedModels', () => {
  const asked: [string, string][] = [];
  const known = (vendor: string, model: string) => {
    asked.push([vendor, model]);
    return model !== 'house-upstream' && model !== 'mystery';
  };

  it('asks the price book as the relay does (vendor, upstream model after mapping), skipping globs', () => {
    const view = {
      type: 'deepseek',
      models: ['deepseek-chat', 'deepseek-*', 'mystery', 'house'],
      modelMapping: { house: 'house-upstream' },
    };
    expect(unpricedModels(view, known)).toEqual(['house', 'mystery']);
    expect(asked).toContainEqual(['deepseek', 'house-upstream']);
    expect(asked.some(([, model]) => model.includes('*'))).toBe(false);
  });

  it('treats an unknown channel type as the generic vendor and a default list as priced', () => {
    expect(unpricedModels({ type: 'gone-vendor', models: null, modelMapping: {} }, known)).toEqual([]);
    expect(unpricedModels({ type: 'gone-vendor', models: ['mystery'], modelMapping: {} }, known)).toEqual(['mystery']);
    expect(asked.at(-1)?.[0]).toBe('custom');
  });
});
