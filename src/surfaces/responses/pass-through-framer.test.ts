import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../../providers/provider.js';
import { responsesPassThroughFramer } from './pass-through-framer.js';

function event(type: string, sequence: number, fields: Record<string, unknown> = {}): SseEvent {
  return { event: type, data: JSON.stringify({ type, sequence_number: sequence, ...fields }) };
}

const opening = {
  id: 'resp_1',
  object: 'response',
  status: 'in_progress',
  output: [],
  billing: { payer: 'developer' },
};
const final = { ...opening, status: 'completed', output: [{ type: 'message' }], usage: { input_tokens: 1 } };

/** The `data:` payloads of SSE text. */
// biome-ignore lint/suspicious/noExplicitAny: parsed event payloads
function payloads(text: string): any[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((frame) =>
      JSON.parse(
        frame
          .split('\n')
          .find((line) => line.startsWith('data: '))
          ?.slice(6) ?? 'null',
      ),
    );
}

describe('responsesPassThroughFramer', () => {
  it('writes each event as it came and keeps the final response for the store', () => {
    const framer = responsesPassThroughFramer();
    const created = event('response.created', 0, { response: opening });
    expect(framer.frame(created)).toBe(`event: response.created\ndata: ${created.data}\n\n`);
    // A text delta that quotes a sequence number is text, not the stream's counter.
    framer.frame(event('response.output_text.delta', 1, { delta: '"sequence_number":99' }));
    expect(framer.answer?.()).toBeUndefined();
    framer.frame(event('response.completed', 2, { response: final }));
    expect(framer.answer?.()).toEqual(final);
    expect(framer.end()).toBe('');
  });

  it('response.incomplete is a whole answer too; response.failed is not', () => {
    const incomplete = responsesPassThroughFramer();
    incomplete.frame(event('response.incomplete', 5, { response: { ...final, status: 'incomplete' } }));
    expect(incomplete.answer?.()).toMatchObject({ status: 'incomplete' });
    const failed = responsesPassThroughFramer();
    failed.frame(event('response.failed', 5, { response: { ...final, status: 'failed' } }));
    expect(failed.answer?.()).toBeUndefined();
  });

  it("AIHub's own error continues the stream as OpenAI ends one: error, then response.failed", () => {
    const framer = responsesPassThroughFramer();
    framer.frame(event('response.created', 0, { response: opening }));
    framer.frame(event('response.in_progress', 1, { response: opening }));
    framer.frame(event('response.output_text.delta', 2, { delta: 'Hel' }));
    const text = framer.error({
      error: { message: 'upstream broke', type: 'server_error', param: null, code: 'upstream_error' },
    });
    expect(text.startsWith('event: error\n')).toBe(true);
    expect(text).toContain('event: response.failed\n');
    const [error, failed] = payloads(text);
    expect(error).toEqual({
      type: 'error',
      sequence_number: 3,
      error: { message: 'upstream broke', type: 'server_error', param: null, code: 'upstream_error' },
      code: 'upstream_error',
      message: 'upstream broke',
      param: null,
    });
    expect(failed).toEqual({
      type: 'response.failed',
      sequence_number: 4,
      response: { ...opening, status: 'failed', error: { code: 'upstream_error', message: 'upstream broke' } },
    });
  });
});
