import { describe, expect, it } from 'vitest';
import { orderByPriorityAndWeight, selectRoute } from './channel-selector.js';
import type { RouteTarget } from './health/route-health.js';
import { seededRandom } from './seeded-random.js';
import { testCandidate } from './test-channels.js';

const allHealthy = { usable: () => true, availableAt: () => 0 };

/** Health where the listed `channel/key` targets are unusable until the given time. */
function sick(until: Record<string, number>) {
  const at = (target: RouteTarget) => until[`${target.channelId}/${target.keyId}`] ?? 0;
  return { usable: (target: RouteTarget) => at(target) === 0, availableAt: at };
}

const names = (selection: { channels: Array<{ channel: { name: string } }> }) =>
  selection.channels.map((candidate) => candidate.channel.name);

describe('selectRoute', () => {
  it('with every target healthy (allUsable) skips the per-key checks and still leaves out keyless channels', () => {
    const usable = () => {
      throw new Error('per-key check while everything is usable');
    };
    const health = { usable, availableAt: () => 0, allUsable: () => true };
    const candidates = [testCandidate('a'), testCandidate('empty', { keys: [] }), testCandidate('b', { priority: 1 })];
    expect(names(selectRoute(candidates, { health, random: seededRandom(3) }))).toEqual(['b', 'a']);
  });

  it('orders priority tiers high to low', () => {
    const candidates = [
      testCandidate('low', { priority: 0 }),
      testCandidate('high', { priority: 10 }),
      testCandidate('mid', { priority: 5 }),
    ];
    expect(names(selectRoute(candidates, { health: allHealthy, random: seededRandom(1) }))).toEqual([
      'high',
      'mid',
      'low',
    ]);
  });

  it('shares a tier by weight: 3:1 gives the first 75% ± 5% of 1,000 picks', () => {
    const candidates = [testCandidate('a', { weight: 3 }), testCandidate('b', { weight: 1 })];
    const random = seededRandom(2024);
    let a = 0;
    for (let i = 0; i < 1_000; i++) {
      const selection = selectRoute(candidates, { health: allHealthy, random });
      if (selection.channels[0]?.channel.name === 'a') a++;
      expect(selection.channels).toHaveLength(2); // the other one is the fallback
    }
    expect(a / 1_000).toBeGreaterThanOrEqual(0.7);
    expect(a / 1_000).toBeLessThanOrEqual(0.8);
  });

  it('uses drained channels (weight 0) only after every other, even of lower priority', () => {
    const candidates = [
      testCandidate('drained', { priority: 10, weight: 0 }),
      testCandidate('backup', { priority: 0 }),
      testCandidate('main', { priority: 5 }),
    ];
    for (let seed = 0; seed < 20; seed++) {
      expect(names(selectRoute(candidates, { health: allHealthy, random: seededRandom(seed) }))).toEqual([
        'main',
        'backup',
        'drained',
      ]);
    }
  });

  it('skips a channel whose every key is cooling or breaker-open, and keeps one with a usable key', () => {
    const pooled = testCandidate('pooled', {
      priority: 10,
      keys: [
        { id: 'k1', key: 'sk-1' },
        { id: 'k2', key: 'sk-2' },
      ],
    });
    const candidates = [testCandidate('a', { priority: 10 }), pooled, testCandidate('b')];
    const health = sick({ 'a/a-k1': 5_000, 'pooled/k1': 5_000 });
    expect(names(selectRoute(candidates, { health, random: () => 0 }))).toEqual(['pooled', 'b']);
  });

  it('when nothing is healthy, offers the (channel, key) that recovers first as a lone last resort', () => {
    const candidates = [testCandidate('a', { priority: 10 }), testCandidate('b')];
    const selection = selectRoute(candidates, { health: sick({ 'a/a-k1': 9_000, 'b/b-k1': 4_000 }), random: () => 0 });
    expect(selection.channels).toEqual([]);
    expect(selection.lastResort?.candidate.channel.name).toBe('b');
    expect(selection.lastResort?.key.id).toBe('b-k1');
  });

  it('offers no last resort while a healthy channel exists', () => {
    const candidates = [testCandidate('a'), testCandidate('b')];
    expect(selectRoute(candidates, { health: sick({ 'a/a-k1': 1 }), random: () => 0 }).lastResort).toBeUndefined();
  });
});

describe('orderByPriorityAndWeight', () => {
  it('draws without replacement: the lighter channel is still the fallback', () => {
    const candidates = [testCandidate('heavy', { weight: 99 }), testCandidate('light', { weight: 1 })];
    expect(names({ channels: orderByPriorityAndWeight(candidates, () => 0) })).toEqual(['heavy', 'light']);
    expect(names({ channels: orderByPriorityAndWeight(candidates, () => 0.995) })).toEqual(['light', 'heavy']);
  });
});
