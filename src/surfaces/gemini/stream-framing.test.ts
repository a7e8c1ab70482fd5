import { describe, expect, it } from 'vitest';
import { createFramer, framingFor, streamContentTypeFor } from './stream-framing.js';

describe('stream framing', () => {
  it('frames SSE events with CRLF blank lines, as Google sends them', () => {
    const framer = createFramer('sse');
    expect(framer.chunk({ a: 1 }) + framer.chunk({ b: 2 }) + framer.close()).toBe(
      'data: {"a":1}\r\n\r\ndata: {"b":2}\r\n\r\n',
    );
  });

  it('writes the array form incrementally, and the whole body parses as JSON', () => {
    const framer = createFramer('json-array');
    const body = framer.chunk({ a: 1 }) + framer.chunk({ b: 2 }) + framer.close();
    expect(body).toBe('[{"a":1}\n,\r\n{"b":2}\n]');
    expect(JSON.parse(body)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(framer.close()).toBe('');
    const empty = createFramer('json-array');
    expect(JSON.parse(empty.close())).toEqual([]);
  });

  it('chooses by the alt query parameter', () => {
    expect(framingFor({ alt: 'sse' })).toBe('sse');
    expect(framingFor({ alt: ['SSE', 'json'] })).toBe('sse');
    expect(framingFor({})).toBe('json-array');
    expect(framingFor({ alt: 'json' })).toBe('json-array');
    expect(streamContentTypeFor('sse')).toBe('text/event-stream');
    expect(streamContentTypeFor('json-array')).toBe('application/json; charset=UTF-8');
  });
});
