import { describe, expect, it } from 'vitest';
import { KeyCooldowns } from './key-cooldowns.js';

describe('KeyCooldowns', () => {
  it('cools a key until the time given, then forgets it', () => {
    let now = 1_000;
    const cooldowns = new KeyCooldowns(() => now);
    cooldowns.cool('c\nk', 2_000);
    expect(cooldowns.isCooling('c\nk')).toBe(true);
    expect(cooldowns.availableAt('c\nk')).toBe(3_000);
    expect(cooldowns.isCooling('c\nother')).toBe(false);
    now = 2_999;
    expect(cooldowns.isCooling('c\nk')).toBe(true);
    now = 3_000;
    expect(cooldowns.isCooling('c\nk')).toBe(false);
    expect(cooldowns.entries()).toEqual([]);
  });

  it('keeps the longer of two cooldowns', () => {
    const now = 0;
    const cooldowns = new KeyCooldowns(() => now);
    cooldowns.cool('k', 10_000);
    cooldowns.cool('k', 1_000);
    expect(cooldowns.availableAt('k')).toBe(10_000);
  });

  it('caps an absurd retry-after', () => {
    const cooldowns = new KeyCooldowns(() => 0, 60_000);
    cooldowns.cool('k', 24 * 3_600_000);
    expect(cooldowns.availableAt('k')).toBe(60_000);
  });

  it('ignores a zero cooldown', () => {
    const cooldowns = new KeyCooldowns(() => 0);
    cooldowns.cool('k', 0);
    expect(cooldowns.isCooling('k')).toBe(false);
  });

  it('sweeps expired entries when the map grows', () => {
    let now = 0;
    const cooldowns = new KeyCooldowns(() => now, 60_000, 3);
    for (const key of ['a', 'b', 'c']) cooldowns.cool(key, 10);
    now = 100;
    cooldowns.cool('d', 10);
    cooldowns.cool('e', 10);
    expect(cooldowns.entries().map((entry) => entry.key)).toEqual(['d', 'e']);
  });
});
