import { describe, expect, it } from 'vitest';
import { listingFor } from '../features/admin/prices/api';
import type { CatalogModel } from './types';
import { type Vendor, vendorName, vendorsFrom } from './vendors';

const vendor = (name: string, overrides: Partial<Vendor> = {}): Vendor => ({
  name,
  displayName: { en: name.toUpperCase() },
  provider: 'openai',
  defaultBaseUrl: `https://${name}.example/v1`,
  keyOptional: false,
  envKey: `${name.toUpperCase()}_API_KEY`,
  envBaseUrl: `${name.toUpperCase()}_BASE_URL`,
  modelGlobs: [`${name}-*`],
  otherModelGlobs: [],
  testModel: null,
  suggestedModels: [],
  badge: { monogram: name[0] ?? '', hue: 0 },
  ...overrides,
});

const vendors = vendorsFrom([
  vendor('openai', { modelGlobs: ['gpt-*', 'o1*'], otherModelGlobs: ['text-embedding-*'] }),
  vendor('moonshot', { displayName: { en: 'Moonshot (Kimi)', zh: '月之暗面（Kimi）' } }),
  vendor('custom', { defaultBaseUrl: null, keyOptional: true, envKey: null, envBaseUrl: null, modelGlobs: [] }),
]);

describe('vendorsFrom', () => {
  it("finds a channel type's vendor, and serves an unknown type as the generic endpoint", () => {
    expect(vendors.of('moonshot').name).toBe('moonshot');
    expect(vendors.isKnown('retired')).toBe(false);
    expect(vendors.of('retired')).toMatchObject({ name: 'custom', defaultBaseUrl: null, keyOptional: true });
    expect(vendorsFrom().of('openai')).toMatchObject({ defaultBaseUrl: null, modelGlobs: [] });
  });

  it('lists the variables that declare channels at start', () => {
    expect(vendors.envKeys).toEqual(['OPENAI_API_KEY', 'MOONSHOT_API_KEY']);
  });

  it("knows a bare id's maker by the vendors' globs, case-insensitively, and never a namespaced id's", () => {
    expect(vendors.makerOf('GPT-5.9')).toBe('openai');
    expect(vendors.makerOf('text-embedding-3-large')).toBe('openai');
    expect(vendors.makerOf('moonshot-v1-8k')).toBe('moonshot');
    expect(vendors.makerOf('openai/gpt-4o')).toBeUndefined();
    expect(vendors.makerOf('llama-3.3-70b')).toBeUndefined();
  });

  it('names a vendor in the console’s language, English where no translation is given', () => {
    expect(vendorName(vendors.of('moonshot'), 'zh')).toBe('月之暗面（Kimi）');
    expect(vendorName(vendors.of('openai'), 'zh')).toBe('OPENAI');
  });
});

describe('listingFor', () => {
  const listing = (provider: string, id: string, pricesKnown = true) =>
    ({ provider, id, pricesKnown, capabilities: {}, official: null, sale: null }) as CatalogModel;
  const listings = [listing('azure', 'gpt-9'), listing('openai', 'gpt-9'), listing('groq', 'llama-9')];

  it("prices a bare id by its maker's listing, as the server does", () => {
    expect(listingFor({ id: 'gpt-9' }, listings, vendors)?.provider).toBe('openai');
    expect(listingFor({ id: 'llama-9' }, listings, vendors)?.provider).toBe('groq');
    expect(listingFor({ provider: 'azure', id: 'gpt-9' }, listings, vendors)?.provider).toBe('azure');
  });
});
