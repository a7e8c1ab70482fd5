import { validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerList, headerValue, MAX_HEADER_VALUE_CHARS, MORE_ITEMS_MARK } from './header-value.js';

const decodeList = (value: string) => value.split(',').map(decodeURIComponent);

describe('headerValue', () => {
  it('leaves ordinary model names as they are', () => {
    for (const name of ['gpt-4o', 'claude-3-5-sonnet@20240620', 'meta-llama/Llama-3-70b:free', 'a+b(c)']) {
      expect(headerValue(name)).toBe(name);
    }
  });

  it.each([
    ['CJK', '备注'],
    ['an emoji', '🙂'],
    ['a control character', 'a\u0001b'],
    ['CR LF', 'x\r\nset-cookie: a=1'],
    ['a percent sign', '100%'],
    ['Latin-1', 'café'],
  ])('percent-encodes %s so Node accepts it and decodeURIComponent reads it back', (_label, text) => {
    const value = headerValue(text);
    expect(() => validateHeaderValue('x-test', value)).not.toThrow();
    expect(value).toMatch(/^[\x21-\x7e]*$/);
    expect(decodeURIComponent(value)).toBe(text);
  });

  it('turns a lone surrogate into U+FFFD instead of throwing', () => {
    expect(decodeURIComponent(headerValue('a\ud800'))).toBe('a\ufffd');
  });

  it('cuts a huge value without splitting an escape', () => {
    const value = headerValue('备'.repeat(10_000));
    expect(value.length).toBeLessThanOrEqual(MAX_HEADER_VALUE_CHARS);
    expect(decodeURIComponent(value)).toMatch(/^备+$/);
  });

  it('is accepted by Node and bounded for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2_000 }), (text) => {
        const value = headerValue(text);
        validateHeaderValue('x-test', value);
        expect(value.length).toBeLessThanOrEqual(MAX_HEADER_VALUE_CHARS);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('headerList', () => {
  it('joins plain names with commas', () => {
    expect(headerList(['seed', 'top_k', 'logit_bias'])).toBe('seed,top_k,logit_bias');
  });

  it('encodes commas and stars inside names, so every item reads back', () => {
    const names = ['a,b', '*', '备注', 'x\r\ny'];
    expect(decodeList(headerList(names))).toEqual(names);
  });

  it('leaves out what does not fit and ends with the mark', () => {
    const names = Array.from({ length: 500 }, (_, index) => `field_${index}`);
    const value = headerList(names);
    expect(value.length).toBeLessThanOrEqual(MAX_HEADER_VALUE_CHARS);
    const items = value.split(',');
    expect(items.at(-1)).toBe(MORE_ITEMS_MARK);
    expect(items.slice(0, -1)).toEqual(names.slice(0, items.length - 1));
  });

  it('is accepted by Node, bounded, and reads back for any names that fit (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 10 }), (names) => {
        const value = headerList(names);
        validateHeaderValue('x-test', value);
        expect(value.length).toBeLessThanOrEqual(MAX_HEADER_VALUE_CHARS);
        if (names.length > 0 && !value.endsWith(MORE_ITEMS_MARK)) expect(decodeList(value)).toEqual(names);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
