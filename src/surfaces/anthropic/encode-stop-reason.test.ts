import { describe, expect, it } from 'vitest';
import { encodeStopReason } from './encode-stop-reason.js';

describe('encodeStopReason', () => {
  it.each([
    [{ unified: 'stop', raw: 'end_turn' }, false, 'end_turn', null],
    [{ unified: 'stop', raw: 'pause_turn' }, false, 'pause_turn', null],
    [{ unified: 'stop', raw: 'stop_sequence', stopSequence: 'END' }, false, 'stop_sequence', 'END'],
    [{ unified: 'stop', raw: 'stop', stopSequence: 'END' }, false, 'stop_sequence', 'END'],
    [{ unified: 'length', raw: 'model_context_window_exceeded' }, false, 'model_context_window_exceeded', null],
    [{ unified: 'length', raw: 'MAX_TOKENS' }, false, 'max_tokens', null],
    [{ unified: 'tool-calls', raw: 'tool_calls' }, true, 'tool_use', null],
    [{ unified: 'stop', raw: 'stop' }, true, 'tool_use', null],
    [{ unified: 'content-filter', raw: 'SAFETY' }, false, 'refusal', null],
    [{ unified: 'other' }, false, 'end_turn', null],
    [undefined, false, 'end_turn', null],
  ] as const)('%j (tool calls: %s) → %s', (finish, hasToolCalls, reason, sequence) => {
    expect(encodeStopReason(finish, hasToolCalls)).toEqual({ stop_reason: reason, stop_sequence: sequence });
  });
});
