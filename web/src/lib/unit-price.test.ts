import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import enCommon from '../locales/en/common.json';
import zhCommon from '../locales/zh/common.json';
import { formatUnitPrice, priceLine, unitPriceLine } from './unit-price';

async function commonT(lng: 'en' | 'zh'): Promise<TFunction<'common'>> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    ns: ['common'],
    defaultNS: 'common',
    resources: { en: { common: enCommon }, zh: { common: zhCommon } },
    interpolation: { escapeValue: false },
  });
  return instance.getFixedT(lng, 'common') as TFunction<'common'>;
}

describe('unitPriceLine', () => {
  it('states a fixed price per request (a model with no token price)', () => {
    expect(unitPriceLine({ perRequest: 40_000 })).toEqual({ kind: 'perRequest', units: 40_000, from: false });
    expect(priceLine({ perRequest: 40_000 })).toEqual({ kind: 'perRequest', units: 40_000, from: false });
  });

  it('has none for a sheet with token prices only, or nothing', () => {
    expect(unitPriceLine({ input: 1, output: 2 })).toBeUndefined();
    expect(unitPriceLine({})).toBeUndefined();
  });
});

describe('formatUnitPrice', () => {
  it.each([
    ['en', { kind: 'perRequest', units: 40_000, from: false }, '$0.04 / request'],
    ['en', { kind: 'perImage', units: 40_000, from: true }, 'from $0.04 / image'],
    ['en', { kind: 'perMillionCharacters', units: 15_000_000, from: false }, '$15.00 / 1M characters'],
    ['en', { kind: 'perSecond', units: 100, from: false }, '$0.0001 / second'],
    ['zh', { kind: 'perRequest', units: 40_000, from: false }, '$0.04 / 次'],
    ['zh', { kind: 'perImage', units: 40_000, from: true }, '$0.04 / 张图 起'],
    ['zh', { kind: 'perSearch', units: 2_000, from: false }, '$0.002 / 次检索'],
  ] as const)('%s %o → %s', async (lng, line, text) => {
    expect(formatUnitPrice(line, await commonT(lng))).toBe(text);
  });
});
