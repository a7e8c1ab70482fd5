import { validateHeaderValue } from 'node:http';
import { describe, expect, it } from 'vitest';
import { acceptedHeaders } from './accepted-headers.js';

describe('acceptedHeaders', () => {
  it('returns the same object when Node accepts every value', () => {
    const headers = { 'x-aihub-model': 'gpt-4o', 'x-latin': 'café', 'retry-after': '3' };
    expect(acceptedHeaders(headers)).toBe(headers);
  });

  it('percent-encodes the values Node would refuse, in a copy', () => {
    const headers = { ok: 'fine', odd: '备注', control: 'a\u0000b', injected: 'x\r\nset-cookie: a=1' };
    const accepted = acceptedHeaders(headers);
    expect(accepted).not.toBe(headers);
    expect(headers.odd).toBe('备注');
    for (const value of Object.values(accepted)) expect(() => validateHeaderValue('x', value)).not.toThrow();
    expect(accepted.ok).toBe('fine');
    expect(decodeURIComponent(accepted.odd ?? '')).toBe('备注');
    expect(decodeURIComponent(accepted.injected ?? '')).toBe('x\r\nset-cookie: a=1');
  });
});
