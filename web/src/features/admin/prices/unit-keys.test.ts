import { describe, expect, it } from 'vitest';
import { UNIT_KEY } from '../../../../../src/billing/unit-prices';
import { sortedUnitKeys, type UnitWords, unitKeyTest, unitLabel, unitRowsFrom, withOfficialUnits } from './unit-keys';

const en: UnitWords = {
  kind: (kind) =>
    ({
      image: 'Image',
      video_second: 'Video second',
      audio_second: 'Audio second',
      character: 'Character',
      search: 'Search',
      mj: 'Midjourney',
    })[kind],
  quality: (quality) => ({ hd: 'HD', standard: 'Standard' })[quality as 'hd'] ?? quality,
  action: (action) => ({ imagine: 'imagine' })[action as 'imagine'] ?? action,
  midjourney: (action) => `Midjourney ${action}`,
  per: (kind) => (kind === 'image' ? 'per image' : kind === 'mj' ? 'per action' : 'per second'),
};

describe('unit keys on the prices page', () => {
  it('names keys for people: sizes with ×, qualities and actions translated, unknown parts as typed', () => {
    expect(unitLabel('image:1024x1792:hd', en)).toEqual({ name: 'Image 1024×1792 HD', per: 'per image' });
    expect(unitLabel('image', en)).toEqual({ name: 'Image', per: 'per image' });
    expect(unitLabel('video_second:1280x720', en)).toEqual({ name: 'Video second 1280×720', per: 'per second' });
    expect(unitLabel('mj:imagine', en)).toEqual({ name: 'Midjourney imagine', per: 'per action' });
    expect(unitLabel('mj:custom_zoom', en).name).toBe('Midjourney custom_zoom');
    expect(unitLabel('hologram:3d', en)).toEqual({ name: 'hologram:3d', per: undefined });
  });

  it('checks typed keys with the pattern the server serves, which is the server rule itself', () => {
    const wellFormed = unitKeyTest({ pattern: UNIT_KEY.source });
    expect(wellFormed).toBeDefined();
    for (const key of ['image:1024x1024:hd', 'video_second:1280x720', 'character', 'mj:imagine'])
      expect(wellFormed?.(key), key).toBe(true);
    for (const key of ['picture', 'image:', 'image:1024 x 1024', 'image:a:b:c:d', ' mj:pan'])
      expect(wellFormed?.(key), key).toBe(false);
    expect(unitKeyTest(undefined)).toBeUndefined();
  });

  it("offers the model's official keys as empty rows once, keeping typed prices and order", () => {
    const rows = unitRowsFrom({ 'image:1024x1024:hd': 90_000 }, (units) => (units / 1e6).toFixed(2));
    expect(rows).toEqual([{ key: 'image:1024x1024:hd', price: '0.09' }]);
    const offered = withOfficialUnits(rows, { 'image:1024x1024:standard': 40_000, 'image:1024x1024:hd': 80_000 });
    expect(offered).toEqual([
      { key: 'image:1024x1024:hd', price: '0.09' },
      { key: 'image:1024x1024:standard', price: '' },
    ]);
    expect(withOfficialUnits(offered, { 'image:1024x1024:hd': 1 })).toEqual(offered);
    expect(sortedUnitKeys(['mj:pan', 'character', 'image:512x512', 'image:256x256', 'video_second'])).toEqual([
      'image:256x256',
      'image:512x512',
      'video_second',
      'character',
      'mj:pan',
    ]);
  });
});
