import { Stream } from '@anthropic-ai/sdk/core/streaming';
import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import type { Message } from '@anthropic-ai/sdk/resources/messages';

/**
 * Parses an SSE body with the official `@anthropic-ai/sdk` (its SSE decoder, then MessageStream's
 * accumulator) and returns the final message it assembles: what Claude Code and SDK users see.
 */
export async function accumulateWithSdk(sse: string): Promise<Message> {
  const events = Stream.fromSSEResponse(new Response(sse), new AbortController());
  const stream = MessageStream.fromReadableStream(events.toReadableStream());
  return stream.finalMessage();
}

/** The frames of an SSE body as `[event, data]` pairs. */
export function frames(sse: string): Array<[string, unknown]> {
  return sse
    .split('\n\n')
    .filter(Boolean)
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      return [eventLine.replace(/^event: /, ''), JSON.parse(dataLine.replace(/^data: /, ''))];
    });
}
