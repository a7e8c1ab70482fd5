import { describe, expect, it } from 'vitest';
import { convertResponsesUsage } from './convert-responses-usage.js';
import { mapResponsesStatus } from './map-responses-status.js';

describe('convertResponsesUsage', () => {
  it('cached tokens are cache reads inside input_tokens; reasoning is inside output_tokens', () => {
    const raw = {
      input_tokens: 3700,
      input_tokens_details: { cached_tokens: 2560 },
      output_tokens: 741,
      output_tokens_details: { reasoning_tokens: 640 },
      total_tokens: 4441,
    };
    expect(convertResponsesUsage(raw)).toEqual({
      inputTokens: { total: 3700, noCache: 1140, cacheRead: 2560, cacheWrite: undefined },
      outputTokens: { total: 741, text: 101, reasoning: 640 },
      raw,
    });
  });

  it('cache writes (newer answers) are taken out of the uncached input', () => {
    const usage = convertResponsesUsage({
      input_tokens: 631,
      input_tokens_details: { cache_write_tokens: 600, cached_tokens: 0 },
      output_tokens: 139,
      output_tokens_details: { reasoning_tokens: 55 },
    });
    expect(usage?.inputTokens).toEqual({ total: 631, noCache: 31, cacheRead: 0, cacheWrite: 600 });
  });

  it('not reported stays undefined; no usage object is no usage', () => {
    expect(convertResponsesUsage({ input_tokens: 5 })).toMatchObject({
      inputTokens: { total: 5, noCache: 5, cacheRead: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    });
    expect(convertResponsesUsage(null)).toBeUndefined();
  });
});

describe('mapResponsesStatus', () => {
  it.each([
    ['completed', null, false, { unified: 'stop', raw: 'completed' }],
    ['completed', null, true, { unified: 'tool-calls', raw: 'completed' }],
    ['incomplete', { reason: 'max_output_tokens' }, false, { unified: 'length', raw: 'max_output_tokens' }],
    ['incomplete', { reason: 'content_filter' }, false, { unified: 'content-filter', raw: 'content_filter' }],
    ['incomplete', null, false, { unified: 'other', raw: 'incomplete' }],
    ['failed', null, false, { unified: 'error', raw: 'failed' }],
    ['cancelled', null, false, { unified: 'other', raw: 'cancelled' }],
    [undefined, null, false, { unified: 'other' }],
  ])('%s %j (tools: %s)', (status, details, tools, expected) => {
    expect(mapResponsesStatus(status, details, tools)).toEqual(expected);
  });
});
