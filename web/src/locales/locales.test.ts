import { describe, expect, it } from 'vitest';
import { resources } from '../lib/i18n';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function valueAt(strings: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], strings);
}

describe('translations', () => {
  it.each(Object.keys(resources.en))('%s has the same keys in English and Chinese', (namespace) => {
    const en = keysOf(resources.en[namespace as keyof typeof resources.en]).sort();
    const zh = keysOf(resources.zh[namespace as keyof typeof resources.zh]).sort();
    expect(zh).toEqual(en);
  });

  it('has no empty strings', () => {
    for (const language of ['en', 'zh'] as const) {
      for (const [namespace, strings] of Object.entries(resources[language])) {
        const empty = keysOf(strings).filter((key) => valueAt(strings, key) === '');
        expect(empty, `${language}/${namespace}`).toEqual([]);
      }
    }
  });

  it('addresses the reader one way in Chinese: 你, never 您', () => {
    const formal = Object.entries(resources.zh).flatMap(([namespace, strings]) =>
      keysOf(strings)
        .filter((key) => String(valueAt(strings, key)).includes('您'))
        .map((key) => `${namespace}:${key}`),
    );
    expect(formal).toEqual([]);
  });
});
