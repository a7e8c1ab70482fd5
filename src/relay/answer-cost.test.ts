import { describe, expect, it } from 'vitest';
import { answerCost, costHeaderValue } from './answer-cost.js';

describe('answerCost', () => {
  it('gives the charge and its parts in USD', () => {
    expect(answerCost({ cost: 27_370, parts: { prompt: 2_863, completion: 4_500, other: 20_007 } })).toEqual({
      cost: 0.02737,
      cost_details: { prompt_cost: 0.002863, completion_cost: 0.0045, other_cost: 0.020007 },
    });
  });

  it('shows a plan-covered request as free to the balance, with what the plan paid', () => {
    const shown = answerCost({ cost: 0, planDrawn: 1_500, parts: { prompt: 500, completion: 1_000, other: 0 } });
    expect(shown.cost).toBe(0);
    expect(shown.cost_details.plan_cost).toBe(0.0015);
  });

  it('is zero throughout when nothing was priced', () => {
    expect(answerCost({ cost: 0 })).toEqual({
      cost: 0,
      cost_details: { prompt_cost: 0, completion_cost: 0, other_cost: 0 },
    });
  });
});

describe('costHeaderValue', () => {
  it.each([
    [0, '0'],
    [1, '0.000001'],
    [123, '0.000123'],
    [1_230_000, '1.23'],
    [5_000_000, '5'],
    [12_345_678_901, '12345.678901'],
  ])('%i units → %s', (units, text) => {
    expect(costHeaderValue({ cost: units })).toBe(text);
  });
});
