/**
 * The two ways Google streams `streamGenerateContent`, byte for byte as recorded:
 * - `?alt=sse`: each chunk is one event, `data: {json}` followed by a blank line, with CRLF line
 *   ends (`data: {…}\r\n\r\n`); the stream simply ends.
 * - without `alt=sse`: one JSON array written incrementally, `[{…}` then `\n,\r\n{…}` per chunk, and
 *   `\n]` at the end, so that the whole body parses as JSON once complete.
 */
export type StreamFraming = 'sse' | 'json-array';

export interface StreamFramer {
  /** One chunk's bytes. */
  chunk(value: unknown): string;
  /** The bytes that close the stream (nothing for SSE, the array's `]`). */
  close(): string;
}

/** `alt=sse` (any case; a repeated query parameter counts by its first value) selects SSE. */
export function framingFor(query: Record<string, unknown>): StreamFraming {
  const alt = Array.isArray(query.alt) ? query.alt[0] : query.alt;
  return typeof alt === 'string' && alt.toLowerCase() === 'sse' ? 'sse' : 'json-array';
}

export function streamContentTypeFor(framing: StreamFraming): string {
  return framing === 'sse' ? 'text/event-stream' : 'application/json; charset=UTF-8';
}

export function createFramer(framing: StreamFraming): StreamFramer {
  if (framing === 'sse') {
    return { chunk: (value) => `data: ${JSON.stringify(value)}\r\n\r\n`, close: () => '' };
  }
  let opened = false;
  let closed = false;
  return {
    chunk(value) {
      if (closed) return '';
      const separator = opened ? '\n,\r\n' : '[';
      opened = true;
      return `${separator}${JSON.stringify(value)}`;
    },
    close() {
      if (closed) return '';
      closed = true;
      return opened ? '\n]' : '[]';
    },
  };
}
