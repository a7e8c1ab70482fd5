import { describe, expect, it } from 'vitest';
import { usageOfCharge } from '../relay/audio-hold.js';
import { costOf, tokenCounts, worstCaseCost } from './cost.js';
import type { SalePrice } from './price-types.js';

const price = (fields: Partial<SalePrice>): SalePrice => ({
  known: true,
  source: 'official×multiplier',
  multiplierPpm: 1_000_000,
  ...fields,
});

// gpt-4o-mini-tts as the catalog prices it: $2.50/M text in, $10/M text out, $12/M audio out.
const miniTts = price({ input: 2_500_000, output: 10_000_000, outputAudio: 12_000_000 });

describe('audio token classes', () => {
  it('bills gpt-4o-mini-tts speech output at $12/M (audio), not $10/M (text)', () => {
    const usage = usageOfCharge({ inputTokens: 20, outputTokens: 1_000_000, outputAudioTokens: 1_000_000 });
    const cost = costOf(usage, miniTts);
    // 20 × 2.5 + 1M × 12 (units per 1M tokens).
    expect(cost.units).toBe(50 + 12_000_000);
    expect(cost.breakdown.lines.map((line) => line.class)).toEqual(['input', 'outputAudio']);
  });

  it('takes the audio parts out of the totals, never adding to them', () => {
    const counts = tokenCounts({
      inputTokens: { total: 100, audio: 80 },
      outputTokens: { total: 50, reasoning: 10, audio: 30 },
    });
    expect(counts).toMatchObject({ uncachedInput: 20, audioInput: 80, textOutput: 10, reasoning: 10, audioOutput: 30 });
  });

  it('caps input audio at the uncached input (a vendor over-reporting it)', () => {
    const counts = tokenCounts({ inputTokens: { total: 100, cacheRead: 40, audio: 500 }, outputTokens: {} });
    expect(counts).toMatchObject({ uncachedInput: 0, audioInput: 60, cacheRead: 40 });
  });

  it('prices audio at input/output when the model has no audio price', () => {
    const p = price({ input: 1_000_000, output: 4_000_000 });
    const cost = costOf({ inputTokens: { total: 10, audio: 10 }, outputTokens: { total: 5, audio: 5 } }, p);
    expect(cost.units).toBe(10 + 20);
  });

  it('prices a transcription clip at inputAudio', () => {
    const p = price({ input: 2_500_000, output: 10_000_000, inputAudio: 6_000_000 });
    const usage = usageOfCharge({ inputTokens: 1_000_000, inputAudioTokens: 900_000, outputTokens: 0 });
    expect(costOf(usage, p).units).toBe(250_000 + 5_400_000);
  });

  it('holds output at the audio rate when it is the dearest', () => {
    expect(worstCaseCost(0, 1_000_000, miniTts)).toBe(12_000_000);
    expect(worstCaseCost(1_000_000, 0, price({ input: 1, output: 1, inputAudio: 3_000_000 }))).toBe(3_000_000);
  });

  it('uses a tier’s audio prices above its threshold', () => {
    const p = price({ input: 1, output: 1, outputAudio: 2, tiers: [{ aboveInputTokens: 10, outputAudio: 7 }] });
    const cost = costOf({ inputTokens: { total: 11 }, outputTokens: { total: 1_000_000, audio: 1_000_000 } }, p);
    expect(cost.units).toBe(7);
  });
});
