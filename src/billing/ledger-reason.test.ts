import { describe, expect, it } from 'vitest';
import {
  asEstimated,
  describeLedgerReason,
  type LedgerReason,
  parseReasonParams,
  reasonColumns,
  usageCounts,
  usageReason,
  withUncollected,
} from './ledger-reason.js';

const route = { model: 'claude-sonnet-4-5', vendor: 'anthropic', upstreamModel: 'claude-sonnet-4-5-20250929' };

describe('ledger reasons', () => {
  it('keep a usage line as counts, leaving zero counts out', () => {
    const reason = usageReason(route, {
      inputTokens: { total: 1_200, cacheRead: 800, cacheWrite: 0 },
      outputTokens: { total: 300, reasoning: 120 },
      serverToolCalls: { webSearch: 2 },
      units: { 'image:1024x1024:hd': 1 },
    });
    expect(reason).toEqual({
      code: 'usage',
      params: {
        model: 'claude-sonnet-4-5',
        vendor: 'anthropic',
        upstreamModel: 'claude-sonnet-4-5-20250929',
        usage: {
          input: 1_200,
          cacheRead: 800,
          output: 300,
          reasoning: 120,
          webSearches: 2,
          units: { 'image:1024x1024:hd': 1 },
        },
      },
    });
    expect(describeLedgerReason(reason)).toBe(
      'claude-sonnet-4-5 via anthropic (claude-sonnet-4-5-20250929): 1200 in, 800 cached, 300 out, 120 reasoning, 2 web searches, 1 × image:1024x1024:hd',
    );
  });

  it('names no upstream model when the channel does not rename it, and adds up parts without a total', () => {
    const reason = usageReason(
      { model: 'gpt-4o', vendor: 'openai', upstreamModel: 'gpt-4o' },
      { inputTokens: { noCache: 10, cacheRead: 5 }, outputTokens: { text: 3, reasoning: 2 } },
    );
    expect(reason.code === 'usage' ? reason.params.upstreamModel : 'not usage').toBeUndefined();
    expect(describeLedgerReason(reason)).toBe('gpt-4o via openai: 15 in, 5 cached, 5 out, 2 reasoning');
  });

  it('mark estimated usage and what an overrun left uncollected, in the parameters and the English', () => {
    const base = usageReason(route, { inputTokens: { total: 10 }, outputTokens: { total: 5 } });
    const reason = withUncollected(asEstimated(base), 3_800);
    expect(reason.code === 'usage' && reason.params).toMatchObject({ estimated: true, uncollected: 3_800 });
    expect(describeLedgerReason(reason)).toMatch(
      /: 10 in, 5 out \(usage counted by the gateway\) \(3800 units above the hold not charged\)$/,
    );
    expect(withUncollected(base, 0)).toBe(base);
  });

  it.each<[LedgerReason, string]>([
    [{ code: 'trial', params: {} }, 'Trial credit for new account'],
    [{ code: 'cached_answer', params: { model: 'gpt-4o' } }, 'Cached answer for gpt-4o'],
    [{ code: 'redeem', params: { code: 'AIHUB-ABCD', amount: 5_000_000 } }, 'Redeemed code AIHUB-ABCD… ($5.000000)'],
    [{ code: 'admin_adjust', params: { note: 'Goodwill', by: 'usr_1' } }, 'Goodwill (by usr_1)'],
    [
      { code: 'topup', params: { orderId: 'ord_1', paid: 1_000, currency: 'USD', method: 'stripe', bonus: 0 } },
      'Top-up ord_1 (10.00 USD via stripe)',
    ],
    [
      { code: 'topup', params: { orderId: 'ord_2', paid: 7_200, currency: 'CNY', method: null, bonus: 500_000 } },
      'Top-up ord_2 (72.00 CNY), marked paid by an operator, 500000 units of it bonus',
    ],
    [
      { code: 'topup_refund', params: { orderId: 'ord_1', returned: 500, paid: 1_000, currency: 'USD' } },
      'Refund of top-up ord_1 (500 of 1000 minor units USD returned)',
    ],
    [{ code: 'plan_bought', params: { plan: 'Pro', price: 20_000_000 } }, "Plan 'Pro', period 1 ($20.000000)"],
    [
      { code: 'plan_renewed', params: { plan: 'Pro', period: 3, price: 20_000_000 } },
      "Plan 'Pro', renewal for period 3 ($20.000000)",
    ],
  ])('say %j in English', (reason, english) => {
    expect(describeLedgerReason(reason)).toBe(english);
    expect(reasonColumns(reason)).toEqual({
      reason: english,
      reason_code: reason.code,
      reason_params: JSON.stringify(reason.params),
    });
  });

  it('read stored parameters back, and nothing from rows older than the codes or unreadable', () => {
    expect(parseReasonParams('{"model":"gpt-4o"}')).toEqual({ model: 'gpt-4o' });
    expect(parseReasonParams(null)).toBeNull();
    expect(parseReasonParams('not json')).toBeNull();
    expect(parseReasonParams('[1,2]')).toBeNull();
  });

  it('count audio and image tokens apart', () => {
    expect(
      usageCounts({
        inputTokens: { total: 100, audio: 60, image: 20 },
        outputTokens: { total: 50, audio: 40, image: 10 },
      }),
    ).toEqual({ input: 100, output: 50, audioInput: 60, imageInput: 20, audioOutput: 40, imageOutput: 10 });
  });
});
