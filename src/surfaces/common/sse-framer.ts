import type { PassThroughFramer } from '../surface.js';

/**
 * Server-sent events written back as they were read (`event:` line when named, one `data:` line
 * per line of data): what Anthropic's and OpenAI's SDKs parse.
 */
export function sseFramer(errorEvent: string | undefined): PassThroughFramer {
  return {
    frame: (event) => sseFrame(event.event, event.data),
    error: (envelope) => sseFrame(errorEvent, JSON.stringify(envelope)),
    end: () => '',
  };
}

/** One event: its `event:` line when named, then one `data:` line per line of data. */
export function sseFrame(event: string | undefined, data: string): string {
  const lines = data.split('\n').map((line) => `data: ${line}\n`);
  return `${event ? `event: ${event}\n` : ''}${lines.join('')}\n`;
}
