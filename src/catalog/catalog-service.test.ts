import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { Catalog } from './catalog.js';
import { type CatalogModelInput, catalogModelSchema } from './catalog-schema.js';
import { CatalogService } from './catalog-service.js';

const model = (input: Partial<CatalogModelInput> & { provider: string; id: string }) =>
  catalogModelSchema.parse({
    mode: 'chat',
    capabilities: {},
    pricesKnown: true,
    prices: { input: 1, output: 2 },
    ...input,
  });

const builtin = new Catalog([
  model({ provider: 'openai', id: 'gpt-a', contextWindow: 1_000, capabilities: { tools: true } }),
  model({ provider: 'anthropic', id: 'claude-b' }),
]);

const remoteFile = {
  version: 1,
  source: {
    name: 'test mirror',
    url: 'https://example.com/catalog.json',
    license: 'MIT',
    copyright: 'nobody',
    sha256: '0'.repeat(64),
    entries: 2,
    generator: 'hand',
  },
  models: [
    {
      provider: 'openai',
      id: 'gpt-a',
      mode: 'chat',
      capabilities: {},
      pricesKnown: true,
      prices: { input: 10, output: 20 },
    },
    {
      provider: 'openai',
      id: 'gpt-new',
      mode: 'chat',
      capabilities: {},
      pricesKnown: true,
      prices: { input: 5, output: 6 },
    },
  ],
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/catalog.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(remoteFile));
    } else if (req.url === '/invalid.json') {
      res.writeHead(200).end(JSON.stringify({ ...remoteFile, models: [{ provider: 'Bad Name', id: 'x' }] }));
    } else if (req.url === '/huge.json') {
      res.writeHead(200).end(`[${'0,'.repeat(100_000)}0]`);
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: '/catalog.json' }).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeEachDialect('catalog service', (store) => {
  const service = (fetch = { allowPrivateAddresses: true, maxBytes: 100_000 }) =>
    new CatalogService(store(), { now: () => 1_000, builtin, fetch });

  it('starts as the built-in catalog', async () => {
    const s = service();
    const catalog = await s.reload();
    expect(catalog.size).toBe(2);
    expect(s.status).toEqual({ source: 'builtin', models: 2, overrides: 0 });
  });

  it('overrides an entry (merged field by field) and removes the override', async () => {
    const s = service();
    await s.reload();
    const seen: number[] = [];
    s.onChange((catalog) => seen.push(catalog.get('openai', 'gpt-a')?.prices.input ?? -1));
    const merged = await s.setOverride('openai', 'gpt-a', { prices: { input: 7 }, capabilities: { vision: true } });
    expect(merged).toMatchObject({
      contextWindow: 1_000,
      prices: { input: 7, output: 2 },
      capabilities: { tools: true, vision: true },
    });
    expect(s.current.get('openai', 'gpt-a')?.prices.input).toBe(7);
    // Another instance sees it after its own reload.
    const other = service();
    await other.reload();
    expect(other.current.get('openai', 'gpt-a')?.prices.input).toBe(7);
    expect(other.listOverrides()).toEqual([
      {
        provider: 'openai',
        modelId: 'gpt-a',
        override: { prices: { input: 7 }, capabilities: { vision: true } },
        updatedAt: 1_000,
      },
    ]);
    expect(await s.deleteOverride('openai', 'gpt-a')).toBe(true);
    expect(await s.deleteOverride('openai', 'gpt-a')).toBe(false);
    expect(s.current.get('openai', 'gpt-a')?.prices.input).toBe(1);
    expect(seen).toEqual([7, 1, 1]);
  });

  it('adds a new model only when the override is complete, and makes prices known when set', async () => {
    const s = service();
    await s.reload();
    await expect(s.setOverride('custom', 'my-model', { prices: { input: 1 } })).rejects.toMatchObject({ status: 400 });
    await expect(s.setOverride('Bad Provider', 'x', {})).rejects.toMatchObject({ param: 'provider' });
    await expect(s.setOverride('custom', 'x', { prices: { input: -1 } })).rejects.toMatchObject({ status: 400 });
    const created = await s.setOverride('custom', 'my-model', {
      mode: 'chat',
      capabilities: {},
      prices: { input: 100, output: 200 },
    });
    expect(created).toMatchObject({ provider: 'custom', id: 'my-model', pricesKnown: true });
    expect(s.current.get('custom', 'my-model')).toBeDefined();
    await s.deleteOverride('custom', 'my-model');
  });

  it('refreshes from a URL, replacing the built-in data; overrides still apply; reset goes back', async () => {
    const s = service();
    await s.reload();
    const result = await s.refreshFromUrl(`${base}/catalog.json`);
    await s.setOverride('openai', 'gpt-new', { maxOutputTokens: 99 });
    expect(result).toEqual({
      models: 2,
      providers: 1,
      source: { name: 'test mirror', url: 'https://example.com/catalog.json', license: 'MIT' },
    });
    expect(s.current.get('openai', 'gpt-a')?.prices.input).toBe(10);
    expect(s.current.get('anthropic', 'claude-b')).toBeUndefined();
    expect(s.current.get('openai', 'gpt-new')?.maxOutputTokens).toBe(99);
    expect(s.status).toEqual({ source: 'remote', models: 2, overrides: 1, remoteUpdatedAt: 1_000 });
    // A second refresh replaces the previous remote rows rather than adding to them.
    await s.refreshFromUrl(`${base}/catalog.json`);
    const rows = await store()
      .db.selectFrom('catalog_entries')
      .select('model_id')
      .where('source', '=', 'remote')
      .execute();
    expect(rows).toHaveLength(2);
    await s.resetRemote();
    expect(s.current.get('anthropic', 'claude-b')).toBeDefined();
    // The override of a model the built-in lacks is incomplete on its own: it waits, ignored.
    expect(s.current.get('openai', 'gpt-new')).toBeUndefined();
    await s.deleteOverride('openai', 'gpt-new');
  });

  it('rejects invalid, oversized, redirected, missing and private-address catalogs, keeping the old one', async () => {
    const s = service();
    await s.reload();
    await expect(s.refreshFromUrl(`${base}/invalid.json`)).rejects.toMatchObject({ code: 'invalid_catalog' });
    await expect(s.refreshFromUrl(`${base}/huge.json`)).rejects.toMatchObject({ code: 'catalog_fetch_failed' });
    await expect(s.refreshFromUrl(`${base}/redirect`)).rejects.toMatchObject({ code: 'catalog_fetch_failed' });
    await expect(s.refreshFromUrl(`${base}/nope`)).rejects.toMatchObject({ code: 'catalog_fetch_failed' });
    await expect(s.refreshFromUrl('ftp://example.com/x')).rejects.toMatchObject({ code: 'catalog_fetch_failed' });
    const guarded = service({ allowPrivateAddresses: false, maxBytes: 100_000 });
    await expect(guarded.refreshFromUrl(`${base}/catalog.json`)).rejects.toMatchObject({
      message: expect.stringContaining('public address'),
    });
    expect(s.current.size).toBe(2);
    expect(s.status.source).toBe('builtin');
  });

  // The same address policy as the media fetcher (src/upstream/address-policy.ts), before connecting.
  it.each([
    'http://2130706433/catalog.json',
    'http://0x7f.1/catalog.json',
    'http://[::ffff:7f00:1]/catalog.json',
    'http://[::7f00:1]/catalog.json',
    'http://[2002:7f00:1::]/catalog.json',
    'http://[64:ff9b::a9fe:a9fe]/catalog.json',
  ])('refuses the private address in %s before connecting', async (url) => {
    const guarded = service({ allowPrivateAddresses: false, maxBytes: 100_000 });
    await expect(guarded.refreshFromUrl(url)).rejects.toMatchObject({
      code: 'catalog_fetch_failed',
      message: expect.stringContaining('public address'),
    });
  });
});
