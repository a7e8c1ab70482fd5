import fc from 'fast-check';
import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countO200k, LONG_WORD_CHARS } from './o200k.js';

/** Fixed seed: a failure reproduces; the budget keeps the file under a few seconds. */
const RUNS = { seed: 20_251_107, numRuns: 400 };

/** Pieces that stress BPE and pre-tokenization: digits after letters, CJK, emoji, marks, runs. */
const hostileWord = fc.constantFrom(
  'a1',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\t',
  '.',
  '...',
  "'s",
  "'LL",
  '漢字',
  '测试',
  '😀',
  '👍🏽',
  'é',
  'e\u0301',
  '\u00a0',
  '123',
  '4567',
  'x',
  'The',
  ' quick',
  '<|endoftext|>',
  '\u{10ffff}',
  '\ud800',
);
const hostileText = fc.array(hostileWord, { maxLength: 300 }).map((words) => words.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 }), hostileText);

describe('countO200k', () => {
  it('with long words by bytes, is never below o200k of the whole text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(countO200k(text, 'bytes')).toBeGreaterThanOrEqual(o200kCount(text, { disallowedSpecial: new Set() }));
      }),
      RUNS,
    );
  });

  it('is exact for prose (the words add up to the whole text)', () => {
    const prose = 'The quick brown fox jumps over the lazy dog. It’s 42 degrees.\n\n'.repeat(300);
    expect(countO200k(prose, 'bytes')).toBe(o200kCount(prose));
    expect(countO200k(prose, 'slices')).toBe(o200kCount(prose));
  });

  it('never hands the tokenizer a long run: 200,000 x or CJK characters count at once', () => {
    // Whole, each of these takes tens of seconds in gpt-tokenizer (quadratic in a pre-token's length).
    const runs = ['x'.repeat(200_000), '漢'.repeat(200_000), '!'.repeat(200_000), ' '.repeat(200_000)];
    for (const run of runs) {
      expect(countO200k(run, 'bytes')).toBe(Buffer.byteLength(run));
      const sliced = countO200k(run, 'slices');
      expect(sliced).toBeGreaterThan(0);
      expect(sliced).toBeLessThanOrEqual(Buffer.byteLength(run));
    }
  });

  it('slices long words close to their whole count, without cutting a character in two', () => {
    const word = '😀'.repeat(LONG_WORD_CHARS * 3);
    const whole = o200kCount(word);
    const sliced = countO200k(word, 'slices');
    expect(sliced).toBeGreaterThanOrEqual(whole);
    expect(sliced).toBeLessThanOrEqual(whole * 1.2);
  });
});
