import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason } from './map-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
    ['model_length', 'length'],
    ['error', 'error'],
    ['insufficient_system_resource', 'error'],
    ['something_new', 'other'],
  ] as const)('%s → %s, raw kept', (raw, unified) => {
    expect(mapOpenAIFinishReason(raw)).toEqual({ unified, raw });
  });

  it('null or missing is other without raw', () => {
    expect(mapOpenAIFinishReason(null)).toEqual({ unified: 'other' });
    expect(mapOpenAIFinishReason(undefined)).toEqual({ unified: 'other' });
  });

  it('stop with tool calls (a forced named tool) is tool-calls, raw stays stop', () => {
    expect(mapOpenAIFinishReason('stop', true)).toEqual({ unified: 'tool-calls', raw: 'stop' });
    expect(mapOpenAIFinishReason('length', true)).toEqual({ unified: 'length', raw: 'length' });
  });
});
