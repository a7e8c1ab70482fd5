import { describe, expect, it } from 'vitest';
import { mapAnthropicStopReason } from './map-stop-reason.js';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['something_new', 'other'],
  ] as const)('maps %s to %s and keeps the raw value', (raw, unified) => {
    expect(mapAnthropicStopReason(raw)).toEqual({ unified, raw });
  });

  it('reports other without a raw value when the stop reason is missing', () => {
    expect(mapAnthropicStopReason(null)).toEqual({ unified: 'other' });
    expect(mapAnthropicStopReason(undefined)).toEqual({ unified: 'other' });
  });
});
