/**
 * Cache writes split by lifetime: Anthropic's `cache_creation` object, from a real recording and
 * through the stream decoder (the split arrives in `message_start` and must survive the merge
 * with `message_delta`).
 */
import { describe, expect, it } from 'vitest';
import type { StreamPart, Usage } from '../../ir/index.js';
import { convertAnthropicUsage } from './convert-usage.js';
import { createAnthropicStreamDecoder } from './stream-decoder.js';

describe('convertAnthropicUsage: cache writes by lifetime', () => {
  it('reads ephemeral_1h_input_tokens as cacheWrite1h; cacheWrite stays the total', () => {
    const usage = convertAnthropicUsage({
      input_tokens: 12,
      cache_creation_input_tokens: 5_000,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 1_000, ephemeral_1h_input_tokens: 4_000 },
      output_tokens: 40,
    });
    expect(usage.inputTokens).toEqual({
      total: 5_012,
      noCache: 12,
      cacheRead: 0,
      cacheWrite: 5_000,
      cacheWrite1h: 4_000,
    });
  });

  it('leaves cacheWrite1h undefined without a cache_creation object, or with a malformed one', () => {
    expect(convertAnthropicUsage({ cache_creation_input_tokens: 9 }).inputTokens.cacheWrite1h).toBeUndefined();
    for (const odd of [null, 7, 'x', [], { ephemeral_1h_input_tokens: '3' }]) {
      expect(convertAnthropicUsage({ cache_creation: odd }).inputTokens.cacheWrite1h).toBeUndefined();
    }
  });
});

describe('createAnthropicStreamDecoder: cache writes by lifetime', () => {
  it('keeps the 1 h split of message_start in the usage after message_delta', () => {
    const decoder = createAnthropicStreamDecoder();
    const events = [
      {
        type: 'message_start',
        message: {
          id: 'msg_1',
          model: 'claude-x',
          content: [],
          usage: {
            input_tokens: 3,
            cache_creation_input_tokens: 2_048,
            cache_read_input_tokens: 0,
            cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2_048 },
            output_tokens: 1,
          },
        },
      },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ];
    const parts: StreamPart[] = events.flatMap((event) =>
      decoder.push({ event: event.type, data: JSON.stringify(event) }),
    );
    parts.push(...decoder.end());
    const usages = parts.filter((part): part is Extract<StreamPart, { type: 'usage' }> => part.type === 'usage');
    const last = usages.at(-1)?.usage as Usage;
    expect(last.inputTokens).toMatchObject({ cacheWrite: 2_048, cacheWrite1h: 2_048, noCache: 3 });
    expect(last.outputTokens.total).toBe(9);
  });
});
