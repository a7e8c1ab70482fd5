import type { SseEvent } from '../../providers/provider.js';
import { sseFrame } from '../common/sse-framer.js';
import type { PassThroughFramer } from '../surface.js';

/** Events whose data carries the whole response object (a snapshot, or the final one). */
const RESPONSE_EVENTS: ReadonlySet<string> = new Set([
  'response.created',
  'response.in_progress',
  'response.completed',
  'response.incomplete',
  'response.failed',
]);
const FINAL_EVENTS: ReadonlySet<string> = new Set(['response.completed', 'response.incomplete']);

/**
 * OpenAI's Responses events written back to a Responses client as they came (`event:` and `data:`
 * lines). On the side it keeps what only the events know: the last `sequence_number`, the latest
 * response object (AIHub's own error after a broken stream continues both, as OpenAI's does: an
 * `error` event, then `response.failed`), and the final response of `response.completed` or
 * `response.incomplete`, which the Responses store keeps (`answer()`).
 */
export function responsesPassThroughFramer(): PassThroughFramer {
  let sequence = -1;
  let latest: Record<string, unknown> | undefined;
  let final: Record<string, unknown> | undefined;

  const observe = (event: SseEvent): void => {
    // Top-level only: inside a string the quotes are escaped, so text cannot match.
    const found = /"sequence_number":(\d+)/.exec(event.data);
    if (found) sequence = Math.max(sequence, Number(found[1]));
    const name = event.event ?? /^\{"type":"([^"]+)"/.exec(event.data)?.[1];
    if (!name || !RESPONSE_EVENTS.has(name)) return;
    const response = responseOf(event.data);
    if (!response) return;
    latest = response;
    if (FINAL_EVENTS.has(name)) final = response;
  };

  const event = (type: string, fields: Record<string, unknown>): string => {
    sequence += 1;
    return sseFrame(type, JSON.stringify({ type, sequence_number: sequence, ...fields }));
  };

  return {
    frame(upstreamEvent: SseEvent): string {
      observe(upstreamEvent);
      return sseFrame(upstreamEvent.event, upstreamEvent.data);
    },
    error(envelope: unknown): string {
      const error = (envelope as { error?: { message?: string; type?: string; code?: string | null; param?: unknown } })
        .error;
      const message = error?.message ?? 'The upstream failed.';
      const code = error?.code ?? error?.type ?? 'server_error';
      // The nested `error` is what OpenAI sends (and what the SDKs throw from); the flat fields are the spec's.
      let out = event('error', { error, code, message, param: error?.param ?? null });
      if (latest) {
        out += event('response.failed', { response: { ...latest, status: 'failed', error: { code, message } } });
      }
      return out;
    },
    end: () => '',
    answer: () => final,
  };
}

function responseOf(data: string): Record<string, unknown> | undefined {
  try {
    const response = (JSON.parse(data) as { response?: unknown }).response;
    return response !== null && typeof response === 'object' && !Array.isArray(response)
      ? (response as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
