import { describe, expect, it } from 'vitest';
import { encodeFinishReason } from './encode-finish-reason.js';

describe('encodeFinishReason', () => {
  it('keeps what Gemini itself said', () => {
    expect(encodeFinishReason({ unified: 'other', raw: 'MALFORMED_FUNCTION_CALL' }, 'gemini')).toBe(
      'MALFORMED_FUNCTION_CALL',
    );
    expect(encodeFinishReason({ unified: 'content-filter', raw: 'RECITATION' }, 'gemini')).toBe('RECITATION');
  });

  it.each([
    ['stop', 'STOP'],
    ['tool-calls', 'STOP'],
    ['length', 'MAX_TOKENS'],
    ['content-filter', 'SAFETY'],
    ['error', 'OTHER'],
    ['other', 'OTHER'],
  ] as const)('maps another vendor’s %s to %s', (unified, expected) => {
    expect(encodeFinishReason({ unified, raw: 'end_turn' }, 'anthropic')).toBe(expected);
  });
});
