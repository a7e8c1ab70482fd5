/**
 * Shared by the stream pass-through tests (stream-forwarding.test.ts on made-up chunks and
 * stream-forwarding.recorded.test.ts on recordings): the request, the upstream's SSE frames, and
 * the client's reply split back into frames. Imports no recording, so CI's run without ../shared
 * can load the made-up-chunk tests.
 */
import type { RawChunk } from '../../test/emulators/types.js';

export const ask = (model: string, includeUsage: boolean) => ({
  model,
  stream: true,
  ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
  messages: [{ role: 'user', content: 'Tell me a story' }],
});

/** The frames of a reply, as written (each `data: …`, without its blank line). */
export function frames(text: string): string[] {
  return text
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => frame.slice('data: '.length));
}

/** SSE frames as an upstream writes them, one chunk each. */
export const sse = (data: string[]): RawChunk[] => data.map((line) => `data: ${line}\n\n`);
