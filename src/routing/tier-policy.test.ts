import { describe, expect, it } from 'vitest';
import type { Channel } from './channel.js';
import type { RouteCandidate } from './model-router.js';
import { EXPLORE_SAMPLES, EXPLORE_SHARE, type TierPolicyFacts, tierPolicyOrder } from './tier-policy.js';

const route = (name: string, priority = 0, weight = 1): RouteCandidate => ({
  channel: { id: name, name, vendor: 'openai', priority, weight } as Channel,
  upstreamModel: 'm',
});
const names = (routes: RouteCandidate[]) => routes.map((r) => r.channel.name);

/** Cost per 1M (prompt + completion) and first-token ms by channel name; absent = unknown. */
function facts(
  cost: Record<string, number>,
  ttft: Record<string, { ttftMs: number; samples: number }> = {},
  draw = 0.5,
): TierPolicyFacts & { draws: number } {
  const state = {
    draws: 0,
    cost: (c: RouteCandidate) => {
      const units = cost[c.channel.name];
      return units === undefined ? undefined : { prompt: units, completion: 0 };
    },
    speed: (c: RouteCandidate) => ttft[c.channel.name],
    random: () => {
      state.draws++;
      return draw;
    },
  };
  return state;
}

describe('tierPolicyOrder', () => {
  // As the selector left them: tier 10 (weighted order a, b, c), tier 0 (d, e), drained (f, g).
  const selected = [
    route('a', 10),
    route('b', 10),
    route('c', 10),
    route('d', 0),
    route('e', 0),
    route('f', 10, 0),
    route('g', 0, 0),
  ];

  it('keeps the weighted order under weighted', () => {
    expect(names(tierPolicyOrder(selected, 'weighted', facts({ c: 1 })))).toEqual(names(selected));
  });

  it('cheapest: by operator cost within each tier, unknown last, ties in weighted order, drained still last', () => {
    const order = tierPolicyOrder(selected, 'cheapest', facts({ a: 30, b: 10, c: 10, d: 50, f: 1, g: 2 }));
    expect(names(order)).toEqual(['b', 'c', 'a', 'd', 'e', 'f', 'g']);
    // A cheaper channel of a lower priority never jumps a tier.
    expect(names(tierPolicyOrder(selected, 'cheapest', facts({ e: 1 })))).toEqual(['a', 'b', 'c', 'e', 'd', 'f', 'g']);
  });

  it('fastest: by time to first token, routes with too few samples first', () => {
    const f = facts(
      {},
      {
        a: { ttftMs: 900, samples: 50 },
        b: { ttftMs: 200, samples: 50 },
        c: { ttftMs: 50, samples: EXPLORE_SAMPLES - 1 },
        d: { ttftMs: 100, samples: 10 },
        e: { ttftMs: 80, samples: 10 },
      },
    );
    expect(names(tierPolicyOrder(selected, 'fastest', f))).toEqual(['c', 'b', 'a', 'e', 'd', 'f', 'g']);
    // Unmeasured routes go first too (in weighted order).
    const unmeasured = facts({}, { a: { ttftMs: 10, samples: 40 } });
    expect(names(tierPolicyOrder(selected.slice(0, 3), 'fastest', unmeasured))).toEqual(['b', 'c', 'a']);
  });

  it(`fastest: ${EXPLORE_SHARE * 100}% of requests keep the weighted order, to keep measuring every route`, () => {
    const ttft = { a: { ttftMs: 900, samples: 50 }, b: { ttftMs: 200, samples: 50 } };
    const two = selected.slice(0, 2);
    expect(names(tierPolicyOrder(two, 'fastest', facts({}, ttft, EXPLORE_SHARE - 0.001)))).toEqual(['a', 'b']);
    expect(names(tierPolicyOrder(two, 'fastest', facts({}, ttft, EXPLORE_SHARE)))).toEqual(['b', 'a']);
  });

  it('takes no random draw when no tier has a choice', () => {
    const f = facts({});
    expect(names(tierPolicyOrder([route('a', 1), route('b', 0)], 'fastest', f))).toEqual(['a', 'b']);
    expect(f.draws).toBe(0);
  });
});
