import { StringDecoder } from 'node:string_decoder';
import { createParser } from 'eventsource-parser';
import type { SseEvent } from '../providers/provider.js';

/**
 * Frames a byte stream into SSE events: bytes → UTF-8 text (a character split across chunks is
 * held until complete) → eventsource-parser (CRLF, split lines, comments, multi-line data).
 */
export async function* readSseEvents(body: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<SseEvent> {
  const queue: SseEvent[] = [];
  const parser = createParser({
    onEvent(message) {
      queue.push(message.event ? { event: message.event, data: message.data } : { data: message.data });
    },
  });
  const decoder = new StringDecoder('utf8');
  for await (const chunk of body) {
    parser.feed(decoder.write(chunk as Buffer));
    while (queue.length > 0) yield queue.shift() as SseEvent;
  }
  const rest = decoder.end();
  if (rest) parser.feed(rest);
  // A final event without its blank line still counts: flush it with one.
  parser.feed('\n\n');
  while (queue.length > 0) yield queue.shift() as SseEvent;
}
