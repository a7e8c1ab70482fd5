import { describe, expect, it } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../test/api-harness.js';
import { PriceBook } from '../billing/price-book.js';
import { Catalog } from '../catalog/catalog.js';
import { catalogModelSchema } from '../catalog/catalog-schema.js';
import { defaultTestModel } from '../channels/test-models.js';
import { registerVendorRoutes } from '../http/api/routes/vendor-routes.js';
import { channelsFromEnv } from '../routing/channels-from-env.js';
import { EMPTY_DIRECTORY } from '../routing/model-directory.js';
import { ModelRouter } from '../routing/model-router.js';
import type { Store } from '../store/database.js';
import { BUILTIN_VENDORS } from './builtin-vendors.js';
import type { VendorEntry } from './vendor-entry.js';
import { VendorRegistry } from './vendor-registry.js';

/** A vendor AIHub does not ship with, added the way a contributor would: one entry. */
const ACME: VendorEntry = {
  name: 'acme',
  displayName: { en: 'Acme AI', zh: 'Acme 智能' },
  provider: 'openai',
  defaultBaseUrl: 'https://api.acme.example/v1',
  env: { prefix: 'ACME' },
  quirks: { useMaxTokens: true, reasoningFields: ['reasoning_content'] },
  modelGlobs: ['acme-*'],
  testModel: 'acme-mini',
  suggestedModels: ['acme-mini', 'acme-large'],
  litellmProviders: ['acme_ai'],
  badge: { monogram: 'Ac', hue: 120 },
};

const vendors = new VendorRegistry([...BUILTIN_VENDORS, ACME]);

describe('a new OpenAI-compatible vendor is one registry entry', () => {
  const [channel] = channelsFromEnv({ ACME_API_KEY: 'sk-acme-1,sk-acme-2' }, vendors);

  it('is declared from its environment variables, with its default URL and quirks', () => {
    expect(channel).toMatchObject({
      id: 'env-acme',
      vendor: 'acme',
      provider: 'openai',
      baseUrl: 'https://api.acme.example/v1',
      keys: [{ key: 'sk-acme-1' }, { key: 'sk-acme-2' }],
      compat: { name: 'acme', useMaxTokens: true, reasoningFields: ['reasoning_content'] },
    });
    expect(channelsFromEnv({ ACME_API_KEY: 'k', ACME_BASE_URL: 'http://10.0.0.9/v1/' }, vendors)[0]?.baseUrl).toBe(
      'http://10.0.0.9/v1',
    );
  });

  it('is routed to by its model globs and by `acme/…`', () => {
    if (!channel) throw new Error('no channel');
    const router = new ModelRouter([channel], vendors.modelGlobs, EMPTY_DIRECTORY);
    expect(router.resolve('acme-large-2027')[0]?.channel).toBe(channel);
    expect(router.resolve('acme/secret-preview')[0]).toMatchObject({ channel, upstreamModel: 'secret-preview' });
    expect(() => router.resolve('gpt-4o')).toThrow(/does not exist/);
  });

  it("is recognised by pricing: a bare id's price is the vendor's own, not a reseller's", () => {
    const model = (provider: string, input: number) =>
      catalogModelSchema.parse({
        provider,
        id: 'acme-large',
        mode: 'chat',
        capabilities: {},
        pricesKnown: true,
        prices: { input, output: input },
      });
    const catalog = new Catalog([model('reseller', 9_000_000), model('acme', 2_000_000)]);
    const prices = new PriceBook(undefined as unknown as Store, catalog, vendors);
    expect(prices.officialPrices('custom', 'acme-large')).toMatchObject({ input: 2_000_000 });
  });

  it('has its test model', () => {
    if (!channel) throw new Error('no channel');
    expect(defaultTestModel(channel, EMPTY_DIRECTORY, vendors)).toBe('acme-mini');
  });

  it('is served to the console by GET /api/vendors', async () => {
    const { app } = createApiHarness(headerPrincipals, (api) => registerVendorRoutes(api, vendors));
    const response = await app.inject({ method: 'GET', url: '/api/vendors', headers: { 'x-test-user': 'usr_a' } });
    expect(response.statusCode).toBe(200);
    const acme = response.json().data.find((vendor: { name: string }) => vendor.name === 'acme');
    expect(acme).toEqual({
      name: 'acme',
      displayName: { en: 'Acme AI', zh: 'Acme 智能' },
      provider: 'openai',
      defaultBaseUrl: 'https://api.acme.example/v1',
      keyOptional: false,
      envKey: 'ACME_API_KEY',
      envBaseUrl: 'ACME_BASE_URL',
      modelGlobs: ['acme-*'],
      otherModelGlobs: [],
      testModel: 'acme-mini',
      suggestedModels: ['acme-mini', 'acme-large'],
      badge: { monogram: 'Ac', hue: 120 },
    });
    await app.close();
  });
});
