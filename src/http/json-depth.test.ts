import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from './json-depth.js';

/** `depth` levels of the given kind around a number: `[[1]]` is depth 2. */
function nested(depth: number, kind: 'array' | 'object' | 'mixed'): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) {
    const asArray = kind === 'array' || (kind === 'mixed' && level % 2 === 0);
    value = asArray ? [value] : { field: value };
  }
  return value;
}

/** The nesting depth of a value, recursively (fine for the small values fast-check makes). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as object);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('exceedsJsonDepth', () => {
  it.each(['array', 'object', 'mixed'] as const)('accepts exactly the limit and refuses one more (%s)', (kind) => {
    expect(exceedsJsonDepth(nested(128, kind), 128)).toBe(false);
    expect(exceedsJsonDepth(nested(129, kind), 128)).toBe(true);
  });

  it('walks 100,000 levels without overflowing its own stack', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(exceedsJsonDepth(JSON.parse(text), 128)).toBe(true);
    expect(exceedsJsonDepth(JSON.parse(text), 200_000)).toBe(false);
  });

  it('finds the deep branch among wide shallow ones', () => {
    const body = { model: 'm', messages: Array.from({ length: 1000 }, () => ({ role: 'user', content: 'x' })) };
    expect(exceedsJsonDepth(body, 8)).toBe(false);
    const deep = { ...body, tools: [{ function: { parameters: nested(10, 'object') } }] };
    expect(exceedsJsonDepth(deep, 8)).toBe(true);
  });

  it('treats scalars and empty containers by their own level', () => {
    expect(exceedsJsonDepth('text', 0)).toBe(false);
    expect(exceedsJsonDepth(null, 0)).toBe(false);
    expect(exceedsJsonDepth({}, 1)).toBe(false);
    expect(exceedsJsonDepth({ a: {} }, 1)).toBe(true);
    expect(exceedsJsonDepth([[], []], 2)).toBe(false);
  });

  it('skips the walk only for bodies too short to nest past the limit', () => {
    // Depth 3 needs at least 6 characters ("[[[]]]"): a 6-character text is walked.
    expect(exceedsJsonDepth([[[]]], 2, 6)).toBe(true);
    expect(exceedsJsonDepth([[[]]], 2, 5)).toBe(false);
  });

  it('agrees with a recursive depth count on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, limit) => {
        const parsed = JSON.parse(JSON.stringify(value));
        expect(exceedsJsonDepth(parsed, limit)).toBe(depthOf(parsed) > limit);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });
});
