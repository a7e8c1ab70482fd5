import type { SseEvent } from '../../providers/provider.js';
import type { PassThroughFramer } from '../surface.js';
import type { StreamFraming } from './stream-framing.js';

/**
 * A Gemini upstream's stream (always read as SSE) written to a Gemini client as the vendor wrote
 * each chunk, in the framing the client asked for: `alt=sse` events, or the incremental JSON array
 * (`[{…}`, `\n,\r\n{…}`, `\n]`) that Google serves without it.
 */
export function geminiPassThroughFramer(framing: StreamFraming): PassThroughFramer {
  if (framing === 'sse') {
    return {
      frame: (event: SseEvent) => `data: ${event.data}\r\n\r\n`,
      error: (envelope) => `data: ${JSON.stringify(envelope)}\r\n\r\n`,
      end: () => '',
    };
  }
  let opened = false;
  let closed = false;
  const element = (json: string): string => {
    if (closed) return '';
    const separator = opened ? '\n,\r\n' : '[';
    opened = true;
    return `${separator}${json}`;
  };
  return {
    frame: (event: SseEvent) => element(event.data),
    error: (envelope) => element(JSON.stringify(envelope)),
    end: () => {
      if (closed) return '';
      closed = true;
      return opened ? '\n]' : '[]';
    },
  };
}
