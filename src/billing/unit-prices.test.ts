import { describe, expect, it } from 'vitest';
import { isUnitKey, unitCount, unitKey, unitPrice, unpricedUnits } from './unit-prices.js';

describe('unit prices', () => {
  const sheet = {
    perImage: 40_000,
    perUnit: { 'image:1024x1792': 80_000, 'image:1024x1792:hd': 120_000, 'mj:imagine': 100_000 },
  };

  it('takes the most specific key the sheet sells, down to the kind and perImage', () => {
    expect(unitPrice(sheet, 'image:1024x1792:hd')).toBe(120_000);
    expect(unitPrice(sheet, 'image:1024x1792:standard')).toBe(80_000);
    // Sold by size: a size the sheet does not list is not sold, whatever perImage says.
    expect(unitPrice(sheet, 'image:256x256')).toBeUndefined();
    expect(unitPrice({ perImage: 40_000 }, 'image:256x256')).toBe(40_000);
    expect(
      unitPrice({ perUnit: { video_second: 100_000, 'video_second:1280x720': 100_000 } }, 'video_second:1792x1024'),
    ).toBeUndefined();
    expect(unitPrice({ perUnit: { video_second: 100_000 } }, 'video_second:1792x1024')).toBe(100_000);
    expect(unitPrice(sheet, 'mj:imagine')).toBe(100_000);
    expect(unitPrice(sheet, 'mj:upscale')).toBeUndefined();
    expect(unitPrice({ perUnit: {} }, 'image')).toBeUndefined();
  });

  it('never finds a price on the object prototype', () => {
    expect(unitPrice({ perUnit: {} }, 'constructor')).toBeUndefined();
    expect(unitPrice({ perUnit: {} }, 'mj:toString')).toBeUndefined();
  });

  it('lists the units a sheet does not sell', () => {
    expect(unpricedUnits(sheet, { 'mj:imagine': 1, 'mj:zoom': 1, video_second: 4 })).toEqual([
      'mj:zoom',
      'video_second',
    ]);
    expect(unpricedUnits(sheet, undefined)).toEqual([]);
  });

  it('builds and checks keys', () => {
    expect(unitKey('image', '1024x1024', undefined)).toBe('image:1024x1024');
    expect(isUnitKey('video_second:1280x720')).toBe(true);
    expect(isUnitKey('image:a:b:c:d')).toBe(false);
    expect(isUnitKey('gold')).toBe(false);
  });

  it('counts whole positive units, rounding a vendor fraction up', () => {
    expect(unitCount(4.2)).toBe(5);
    expect(unitCount(-1)).toBe(0);
    expect(unitCount(Number.NaN)).toBe(0);
  });
});
