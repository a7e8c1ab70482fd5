import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../../../test/api-harness.js';
import { describeEachDialect } from '../../../../test/db-harness.js';
import { AnnouncementService } from '../../../announcements/announcement-service.js';
import { PriceBook } from '../../../billing/price-book.js';
import { Catalog } from '../../../catalog/catalog.js';
import { catalogModelSchema } from '../../../catalog/catalog-schema.js';
import { CatalogService } from '../../../catalog/catalog-service.js';
import { newId } from '../../../platform/ids.js';
import { SettingsService } from '../../../platform/settings.js';
import { registerAnnouncementRoutes } from './announcement-routes.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { registerPublicRoutes } from './public-routes.js';
import { registerSettingsRoutes } from './settings-routes.js';

const admin = { 'x-test-user': 'usr_root', 'x-test-role': 'admin' };
const HOUR = 3_600_000;

const builtin = new Catalog(
  [
    { provider: 'openai', id: 'gpt-served', prices: { input: 2_500_000, output: 10_000_000 } },
    { provider: 'openai', id: 'gpt-not-served', prices: { input: 1, output: 2 } },
  ].map((input) => catalogModelSchema.parse({ mode: 'chat', capabilities: {}, pricesKnown: true, ...input })),
);

describeEachDialect('public routes', (store) => {
  let harness: ReturnType<typeof createApiHarness>;
  let settings: SettingsService;
  let priceBook: PriceBook;
  let clock = 1_800_000_000_000;

  beforeAll(async () => {
    await store().db.deleteFrom('settings').execute();
    settings = new SettingsService(store(), () => clock);
    await settings.load();
    const catalog = new CatalogService(store(), { now: () => clock, builtin });
    await catalog.reload();
    priceBook = new PriceBook(store(), catalog.current);
    await priceBook.reload();
    const announcements = new AnnouncementService(store(), { now: () => clock, newId });
    harness = createApiHarness(headerPrincipals, (api) => {
      registerSettingsRoutes(api, settings);
      const routableModels = () => [
        { id: 'gpt-served', ownedBy: 'openai' },
        { id: 'not-in-catalog', ownedBy: 'custom' },
      ];
      registerCatalogRoutes(api, { catalog, priceBook, settings, routableModels });
      registerPublicRoutes(api, { settings, announcements, catalog, priceBook, routableModels });
      registerAnnouncementRoutes(api, announcements);
    });
  });
  afterAll(async () => {
    await harness.app.close();
    await store().db.deleteFrom('settings').execute();
    await store().db.deleteFrom('announcements').execute();
  });

  const call = async (method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) => {
    const response = await harness.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };

  it('tells a signed-out visitor the branding the operator set, and refuses a bad logo', async () => {
    const set = await call('PATCH', '/api/admin/settings', admin, {
      site: {
        name: 'Relay Co',
        logoUrl: 'data:image/png;base64,iVBORw0KGgo=',
        tagline: { en: 'Every model', zh: '所有模型' },
        footer: { en: '© Relay Co', zh: '© 中继公司' },
      },
    });
    expect(set.status).toBe(200);
    const site = await call('GET', '/api/public/site');
    expect(site.status).toBe(200);
    expect(site.body).toMatchObject({
      name: 'Relay Co',
      tagline: { en: 'Every model', zh: '所有模型' },
      footer: { zh: '© 中继公司' },
      registrationEnabled: true,
      publicModels: 'prices',
    });
    for (const logoUrl of [
      'javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      `data:image/png;base64,${'A'.repeat(90_000)}`,
    ]) {
      const refused = await call('PATCH', '/api/admin/settings', admin, { site: { name: 'X', logoUrl } });
      expect(refused.status, logoUrl.slice(0, 30)).toBe(400);
    }
    expect(settings.value.site.name).toBe('Relay Co');
  });

  it('lists the served models with prices, without them, or not at all, as the operator chooses', async () => {
    const withPrices = await call('GET', '/api/public/models');
    expect(withPrices.body.visibility).toBe('prices');
    expect(withPrices.body.data.map((model: { id: string }) => model.id)).toEqual(['gpt-served']);
    expect(withPrices.body.data[0].sale).toMatchObject({ input: 2_500_000, output: 10_000_000 });

    await call('PATCH', '/api/admin/settings', admin, { publicModels: 'list' });
    const listOnly = await call('GET', '/api/public/models');
    expect(listOnly.body.visibility).toBe('list');
    expect(listOnly.body.data).toHaveLength(1);
    expect(listOnly.body.data[0]).toMatchObject({ id: 'gpt-served', sale: null, official: null });
    expect(JSON.stringify(listOnly.body)).not.toContain('2500000');
    // The full catalog route does not leak what the operator hides from visitors...
    expect((await call('GET', '/api/models')).status).toBe(401);
    // ...while a signed-in user still sees it.
    expect((await call('GET', '/api/models', { 'x-test-user': 'usr_a' })).status).toBe(200);

    await call('PATCH', '/api/admin/settings', admin, { publicModels: 'hidden' });
    const hidden = await call('GET', '/api/public/models');
    expect(hidden.body).toMatchObject({ visibility: 'hidden', data: [] });
    expect((await call('GET', '/api/public/site')).body.publicModels).toBe('hidden');
    await call('PATCH', '/api/admin/settings', admin, { publicModels: 'prices' });
    expect((await call('GET', '/api/models')).status).toBe(200);
  });

  it('lists a served model the catalog does not know once the operator fixes its price, with that price', async () => {
    const ids = (body: { data: Array<{ id: string }> }) => body.data.map((model) => model.id);
    expect(ids((await call('GET', '/api/models', { 'x-test-user': 'usr_a' })).body)).not.toContain('not-in-catalog');
    priceBook.setRules({
      globalMultiplierPpm: 1_000_000,
      groups: {},
      models: { 'not-in-catalog': { fixed: { perRequest: 40_000 } } },
    });
    try {
      const expected = {
        id: 'not-in-catalog',
        provider: 'custom',
        kind: 'chat',
        pricesKnown: true,
        official: null,
        sale: { perRequest: 40_000, source: 'fixed' },
      };
      const signedIn = await call('GET', '/api/models', { 'x-test-user': 'usr_a' });
      expect(signedIn.body.data.find((model: { id: string }) => model.id === 'not-in-catalog')).toEqual({
        ...expected,
        capabilities: {},
      });
      // Filters apply to it as to catalog models.
      expect(ids((await call('GET', '/api/models?kind=image', { 'x-test-user': 'usr_a' })).body)).not.toContain(
        'not-in-catalog',
      );
      expect(ids((await call('GET', '/api/models?provider=custom', { 'x-test-user': 'usr_a' })).body)).toEqual([
        'not-in-catalog',
      ]);
      const visitors = await call('GET', '/api/public/models');
      expect(ids(visitors.body)).toEqual(['gpt-served', 'not-in-catalog']);
      expect(visitors.body.data[1]).toMatchObject(expected);
    } finally {
      priceBook.setRules({ globalMultiplierPpm: 1_000_000, groups: {}, models: {} });
    }
  });

  it('shows an announcement only between its start and end; only admins publish', async () => {
    const body = (startsAt: number, endsAt: number | null, title: string, pinned = false) => ({
      title: { en: title, zh: '' },
      body: { en: '**Bold**', zh: '' },
      startsAt,
      endsAt,
      pinned,
    });
    expect(
      (await call('POST', '/api/admin/announcements', { 'x-test-user': 'usr_a' }, body(0, null, 'x'))).status,
    ).toBe(403);
    const now = clock;
    const live = await call('POST', '/api/admin/announcements', admin, body(now - HOUR, now + HOUR, 'live'));
    expect(live.status).toBe(201);
    await call('POST', '/api/admin/announcements', admin, body(now + HOUR, null, 'future'));
    await call('POST', '/api/admin/announcements', admin, body(now - 2 * HOUR, now - HOUR, 'past'));
    await call('POST', '/api/admin/announcements', admin, body(now - 3 * HOUR, null, 'pinned', true));
    const titles = async () =>
      (await call('GET', '/api/public/site')).body.announcements.map((a: { title: { en: string } }) => a.title.en);
    expect(await titles()).toEqual(['pinned', 'live']);
    clock = now + 2 * HOUR;
    expect(await titles()).toEqual(['pinned', 'future']);
    clock = now;
    // Not who wrote it.
    expect((await call('GET', '/api/public/site')).body.announcements[0].createdBy).toBeUndefined();

    const bad = await call('POST', '/api/admin/announcements', admin, body(now, now - 1, 'backwards'));
    expect(bad.status).toBe(400);
    const untitled = await call('POST', '/api/admin/announcements', admin, {
      ...body(now, null, ''),
      title: { en: ' ', zh: '' },
    });
    expect(untitled.status).toBe(400);

    const edited = await call(
      'PUT',
      `/api/admin/announcements/${live.body.id}`,
      admin,
      body(now - HOUR, null, 'edited'),
    );
    expect(edited.body.title.en).toBe('edited');
    expect((await call('DELETE', `/api/admin/announcements/${live.body.id}`, admin)).status).toBe(204);
    expect((await call('DELETE', `/api/admin/announcements/${live.body.id}`, admin)).status).toBe(404);
    expect(await titles()).toEqual(['pinned']);
    expect((await call('GET', '/api/admin/announcements', admin)).body.data).toHaveLength(3);
  });
});
