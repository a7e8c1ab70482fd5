import { describe, expect, it } from 'vitest';
import { resolveModelOverride } from './model-overrides.js';

describe('resolveModelOverride', () => {
  const overrides = {
    'gpt-4*': { rpm: 5 },
    '*-mini': { tpm: 1000 },
    'gpt-4o-mini': { rpm: 50, concurrency: null },
  };

  it('prefers an exact id, then the first matching glob', () => {
    expect(resolveModelOverride(overrides, 'gpt-4o-mini')).toEqual({
      pattern: 'gpt-4o-mini',
      limits: { rpm: 50, concurrency: null },
    });
    expect(resolveModelOverride(overrides, 'GPT-4o-MINI')?.pattern).toBe('gpt-4o-mini');
    expect(resolveModelOverride(overrides, 'gpt-4.1-mini')?.pattern).toBe('gpt-4*');
    expect(resolveModelOverride(overrides, 'o4-mini')?.pattern).toBe('*-mini');
  });

  it('matches nothing else, and treats regex characters literally', () => {
    expect(resolveModelOverride(overrides, 'claude-sonnet-4')).toBeUndefined();
    expect(resolveModelOverride(undefined, 'gpt-4o')).toBeUndefined();
    expect(resolveModelOverride({ 'a.b*': { rpm: 1 } }, 'axb-1')).toBeUndefined();
    expect(resolveModelOverride({ 'a.b*': { rpm: 1 } }, 'a.b-1')?.pattern).toBe('a.b*');
  });
});
