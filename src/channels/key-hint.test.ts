import { describe, expect, it } from 'vitest';
import { maskUrlCredentials, upstreamKeyHint } from './key-hint.js';

describe('upstreamKeyHint', () => {
  it('keeps a short vendor prefix and the last four characters', () => {
    expect(upstreamKeyHint('sk-proj-abcdefghijklmnopqrstuvwxyz')).toBe('sk-proj-…wxyz');
    expect(upstreamKeyHint('sk-ant-api03-abcdefghijklmnop1234')).toBe('sk-ant-…1234');
    expect(upstreamKeyHint('AIzaSyA1234567890abcdefghij')).toBe('…ghij');
  });

  it('reveals little of short keys and marks the empty key', () => {
    expect(upstreamKeyHint('abc')).toBe('…');
    expect(upstreamKeyHint('abcdefghij')).toBe('…ij');
    expect(upstreamKeyHint('')).toBe('(no key)');
  });
});

describe('maskUrlCredentials', () => {
  it('hides a proxy password and leaves other URLs alone', () => {
    expect(maskUrlCredentials('http://user:pass@proxy:3128')).toBe('http://user:***@proxy:3128/');
    expect(maskUrlCredentials('http://proxy:3128')).toBe('http://proxy:3128');
  });
});
