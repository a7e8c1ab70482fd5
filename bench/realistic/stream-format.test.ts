import { describe, expect, it } from 'vitest';
import { answerTokens, closingFrames, parseRange, tokenFrame, unitHash } from './stream-format.js';

describe('the realistic answer', () => {
  it('draws lengths evenly over the range, the same for the same answer number', () => {
    const lengths = Array.from({ length: 2000 }, (_, n) => answerTokens(n, 20, 60, 30));
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(600);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(1800);
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(mean).toBeGreaterThan(1150);
    expect(mean).toBeLessThan(1250);
    expect(answerTokens(7, 20, 60, 30)).toBe(answerTokens(7, 20, 60, 30));
    expect(unitHash(1)).not.toBe(unitHash(2));
  });

  it('writes frames that are ordinary chat.completion.chunk events', () => {
    const frame = JSON.parse(tokenFrame(12.5).slice('data: '.length));
    expect(frame).toMatchObject({ object: 'chat.completion.chunk', choices: [{ delta: { content: '12.500 ' } }] });
    const closing = closingFrames(3, true).split('\n\n').filter(Boolean);
    expect(closing.at(-1)).toBe('data: [DONE]');
    expect(JSON.parse(closing[1].slice(6)).usage.completion_tokens).toBe(3);
    expect(closingFrames(3, false).split('\n\n').filter(Boolean)).toHaveLength(2);
  });

  it('parses ranges of seconds', () => {
    expect(parseRange('20-60')).toEqual([20, 60]);
    expect(parseRange('5')).toEqual([5, 5]);
    expect(() => parseRange('60-20')).toThrow();
  });
});
