import { describe, expect, it } from 'vitest';
import { missingNodeFlags, RECOMMENDED_NODE_FLAGS } from './node-flags.js';

describe('recommended node flags', () => {
  it('are missing when neither the command line nor NODE_OPTIONS sets them', () => {
    expect(missingNodeFlags([], '')).toEqual(RECOMMENDED_NODE_FLAGS);
    expect(missingNodeFlags(['--enable-source-maps'], '--max-old-space-size=512')).toEqual(RECOMMENDED_NODE_FLAGS);
  });

  it("leave an operator's own value alone, however it was spelled", () => {
    expect(missingNodeFlags(['--max-semi-space-size=16'])).toEqual([]);
    expect(missingNodeFlags([], '--max_semi_space_size=128')).toEqual([]);
  });
});
