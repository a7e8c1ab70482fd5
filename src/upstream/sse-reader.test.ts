import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../providers/provider.js';
import { readSseEvents } from './sse-reader.js';

async function collect(chunks: Array<string | Buffer>): Promise<SseEvent[]> {
  async function* source() {
    for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
  const events: SseEvent[] = [];
  for await (const event of readSseEvents(source())) events.push(event);
  return events;
}

describe('readSseEvents', () => {
  it('frames events split mid-line across chunks', async () => {
    const events = await collect(['data: {"a"', ':1}\n', '\ndata: [DO', 'NE]\n\n']);
    expect(events).toEqual([{ data: '{"a":1}' }, { data: '[DONE]' }]);
  });

  it('keeps a multi-byte character split across chunks intact', async () => {
    const bytes = Buffer.from('data: {"t":"你好🙂"}\n\n');
    const cut = bytes.indexOf(Buffer.from('好')) + 1; // inside the 3-byte character
    const emoji = bytes.indexOf(Buffer.from('🙂')) + 2; // inside the 4-byte character
    const events = await collect([bytes.subarray(0, cut), bytes.subarray(cut, emoji), bytes.subarray(emoji)]);
    expect(events).toEqual([{ data: '{"t":"你好🙂"}' }]);
  });

  it('accepts CRLF separators (Gemini alt=sse)', async () => {
    const events = await collect(['data: {"x":1}\r\n\r\ndata: {"x":2}\r\n\r\n']);
    expect(events).toEqual([{ data: '{"x":1}' }, { data: '{"x":2}' }]);
  });

  it('keeps event names and padded data lines (Anthropic)', async () => {
    const events = await collect([
      'event: message_start\ndata: {"type":"message_start"}   \n\n',
      'event: ping\ndata: {"type": "ping"}\n\n',
    ]);
    expect(events).toEqual([
      { event: 'message_start', data: '{"type":"message_start"}   ' },
      { event: 'ping', data: '{"type": "ping"}' },
    ]);
    expect(JSON.parse(events[0]?.data ?? '')).toEqual({ type: 'message_start' });
  });

  it('ignores keep-alive comments and joins multi-line data', async () => {
    const events = await collect([': keep-alive\n\n', ': OPENROUTER PROCESSING\n\n', 'data: line1\ndata: line2\n\n']);
    expect(events).toEqual([{ data: 'line1\nline2' }]);
  });

  it('delivers a last event that lacks its blank line', async () => {
    const events = await collect(['data: {"done":true}']);
    expect(events).toEqual([{ data: '{"done":true}' }]);
  });
});
