import { describe, expect, it } from 'vitest';
import { MAX_MARK_REASON, markRequest, markTargets } from './mark-form';

describe('marking an order', () => {
  it('offers what the server accepts for each state', () => {
    expect(markTargets('created')).toEqual(['credited', 'failed', 'expired']);
    expect(markTargets('expired')).toEqual(['credited', 'failed']);
    expect(markTargets('credited')).toEqual([]);
    expect(markTargets('failed')).toEqual([]);
    expect(markTargets('refunded')).toEqual([]);
  });

  it('needs a target and a reason, trimmed', () => {
    expect(markRequest('', '  ')).toEqual({
      ok: false,
      problems: { target: 'targetRequired', reason: 'reasonRequired' },
    });
    expect(markRequest('failed', 'x'.repeat(MAX_MARK_REASON + 1))).toEqual({
      ok: false,
      problems: { reason: 'reasonTooLong' },
    });
    expect(markRequest('credited', '  paid per dashboard ')).toEqual({
      ok: true,
      body: { status: 'credited', note: 'paid per dashboard' },
    });
  });
});
