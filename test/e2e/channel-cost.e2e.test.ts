/**
 * Channel cost and margins (issue 18, operator side), on SQLite and PostgreSQL: three OpenAI
 * channels of one priority serve `gpt-4.1-mini` (catalog list price $0.40/$1.60 per 1M), one at
 * the list price, one at half of it (a multiplier), one at a fixed price. Users pay the list
 * price on all three. The request log records each request's upstream cost exactly; the margin
 * report sums revenue − cost by model and by channel; the 'cheapest' routing policy and
 * `sort: price` send traffic to the cheaper account; the cost round-trips through the admin API
 * and the YAML export/import, and bad input is a 400 naming the field.
 */
import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { channelDocumentSchema, exportChannels, planChannelImport } from '../../src/channels/channel-document.js';
import { SecretBox } from '../../src/channels/secret-box.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const MODEL = 'gpt-4.1-mini';
/** The catalog's list price of gpt-4.1-mini, units per 1M tokens. */
const LIST = { input: 400_000, output: 1_600_000 };
const HALF = { input: 200_000, output: 800_000 };
const FIXED = { input: 100_000, output: 200_000 };

const CHANNELS = {
  'cost-list': null,
  'cost-half': { multiplierPpm: 500_000 },
  'cost-fixed': { models: { [MODEL]: FIXED } },
} as const;

/** Tokens at a price, rounded once, half up, as billing does. */
function priced(price: { input: number; output: number }, promptTokens: number, completionTokens: number): number {
  const exact = BigInt(price.input) * BigInt(promptTokens) + BigInt(price.output) * BigInt(completionTokens);
  return Number((exact + 500_000n) / 1_000_000n);
}

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`channel cost and margins [${database}]`, () => {
    const secretKey = randomBytes(32).toString('base64');
    let gateway: Gateway;
    let user: Session;
    let client: OpenAI;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      gateway = await startGateway({ AIHUB_SECRET_KEY: secretKey }, database);
      user = await register(gateway, `channel-cost-${database}@example.com`);
      client = new OpenAI({ apiKey: (await createKey(gateway, user)).key, baseURL: gateway.baseURL, maxRetries: 0 });
      // Above the env OpenAI channel's priority: these three are the top tier.
      for (const [name, cost] of Object.entries(CHANNELS)) {
        const created = await asAdmin(gateway, 'POST', '/api/admin/channels', {
          name,
          type: 'openai',
          baseUrl: gateway.openai.url,
          keys: ['test-key'],
          models: [MODEL],
          priority: 10,
          cost,
        });
        expect(created.status, JSON.stringify(created.json)).toBe(201);
        expect(created.json.cost).toEqual(cost);
        ids[name] = created.json.id;
      }
    });
    afterAll(() => gateway?.close());

    /** One request; its request log row as admins see it. */
    async function ask(model = MODEL, extra: Record<string, unknown> = {}) {
      const { response } = await client.chat.completions
        .create({
          model,
          messages: [{ role: 'user', content: `what does this cost? ${randomBytes(4).toString('hex')}` }],
          max_tokens: 40,
          ...extra,
        } as OpenAI.ChatCompletionCreateParamsNonStreaming)
        .withResponse();
      const requestId = response.headers.get('x-request-id') as string;
      await waitForLog(gateway, user, requestId);
      const row = await asAdmin(gateway, 'GET', `/api/logs/${requestId}`);
      expect(row.status).toBe(200);
      return row.json;
    }

    it('logs each request’s upstream cost exactly, at the serving channel’s cost', async () => {
      for (const [name, price] of [
        ['cost-list', LIST],
        ['cost-half', HALF],
        ['cost-fixed', FIXED],
      ] as const) {
        const row = await ask(`${name}/${MODEL}`);
        expect(row.channel).toBe(name);
        expect(row.promptTokens).toBeGreaterThan(0);
        expect(row.completionTokens).toBeGreaterThan(0);
        // Users pay the list price on every channel; the operator pays the channel's cost.
        expect(row.cost).toBe(priced(LIST, row.promptTokens, row.completionTokens));
        expect(row.upstreamCost).toBe(priced(price, row.promptTokens, row.completionTokens));
        expect(row.hedgeOverhead).toBe(0);
        // The operator's cost is the operator's business.
        const mine = await asUser(gateway, user, 'GET', `/api/logs/${row.id}`);
        expect(mine.json).toMatchObject({ channel: null, upstreamCost: null, hedgeOverhead: null });
      }
    });

    it('reports revenue − upstream cost by model and by channel', async () => {
      const from = Date.now() - 1;
      const rows = [];
      for (const name of Object.keys(CHANNELS)) {
        rows.push(await ask(`${name}/${MODEL}`));
        rows.push(await ask(`${name}/${MODEL}`));
      }
      const to = Date.now() + 1;
      for (const by of ['model', 'channel'] as const) {
        const report = await asAdmin(gateway, 'GET', `/api/admin/margins?from=${from}&to=${to}&by=${by}`);
        expect(report.status, JSON.stringify(report.json)).toBe(200);
        const expected = new Map<string, { requests: number; revenue: number; upstreamCost: number }>();
        for (const row of rows) {
          const key = by === 'model' ? row.modelRequested : row.channel;
          const sum = expected.get(key) ?? { requests: 0, revenue: 0, upstreamCost: 0 };
          sum.requests += 1;
          sum.revenue += row.cost + row.planDrawn;
          sum.upstreamCost += row.upstreamCost;
          expected.set(key, sum);
        }
        expect(report.json.data).toHaveLength(expected.size);
        for (const line of report.json.data) {
          const sum = expected.get(line.key);
          expect(sum, `${by} ${line.key}`).toBeDefined();
          expect(line).toMatchObject({
            ...sum,
            hedgeOverhead: 0,
            margin: (sum?.revenue ?? 0) - (sum?.upstreamCost ?? 0),
            unknownCostRequests: 0,
          });
        }
        const revenue = rows.reduce((total, row) => total + row.cost + row.planDrawn, 0);
        const upstream = rows.reduce((total, row) => total + row.upstreamCost, 0);
        expect(report.json.totals).toMatchObject({
          requests: 6,
          revenue,
          upstreamCost: upstream,
          margin: revenue - upstream,
        });
        expect(report.json.totals.margin).toBeGreaterThan(0); // half and fixed are cheaper than list
      }
      const userAsks = await asUser(gateway, user, 'GET', `/api/admin/margins?from=${from}&to=${to}`);
      expect(userAsks.status).toBe(403);
    });

    it("routes to the cheapest channel of the tier under the 'cheapest' policy", async () => {
      const set = await asAdmin(gateway, 'PATCH', '/api/admin/settings', { routingPolicy: 'cheapest' });
      expect(set.status, JSON.stringify(set.json)).toBe(200);
      try {
        for (let i = 0; i < 6; i++) expect((await ask()).channel).toBe('cost-fixed');
        // Drained, the cheapest gets no traffic while others can serve: the next cheapest does.
        await asAdmin(gateway, 'PATCH', `/api/admin/channels/${ids['cost-fixed']}`, { weight: 0 });
        for (let i = 0; i < 4; i++) expect((await ask()).channel).toBe('cost-half');
      } finally {
        await asAdmin(gateway, 'PATCH', `/api/admin/channels/${ids['cost-fixed']}`, { weight: 1 });
        await asAdmin(gateway, 'PATCH', '/api/admin/settings', { routingPolicy: 'weighted' });
      }
    });

    it('sort: price puts the channel cheaper to the operator first among equal sale prices', async () => {
      for (let i = 0; i < 6; i++) {
        expect((await ask(MODEL, { provider: { sort: 'price' } })).channel).toBe('cost-fixed');
      }
    });

    it('round-trips the cost through the admin API', async () => {
      const id = ids['cost-half'] as string;
      const changed = await asAdmin(gateway, 'PATCH', `/api/admin/channels/${id}`, {
        cost: { multiplierPpm: 650_000, models: { 'gpt-4.1': { input: 1, output: 2, cacheRead: 1 } } },
      });
      expect(changed.status, JSON.stringify(changed.json)).toBe(200);
      const read = await asAdmin(gateway, 'GET', `/api/admin/channels/${id}`);
      expect(read.json.cost).toEqual({
        multiplierPpm: 650_000,
        models: { 'gpt-4.1': { input: 1, output: 2, cacheRead: 1 } },
      });
      // Absent stays; null resets to the list price.
      expect((await asAdmin(gateway, 'PATCH', `/api/admin/channels/${id}`, { weight: 2 })).json.cost).toMatchObject({
        multiplierPpm: 650_000,
      });
      expect((await asAdmin(gateway, 'PATCH', `/api/admin/channels/${id}`, { cost: null })).json.cost).toBeNull();
      const restored = await asAdmin(gateway, 'PATCH', `/api/admin/channels/${id}`, { cost: CHANNELS['cost-half'] });
      expect(restored.json.cost).toEqual(CHANNELS['cost-half']);
      // The live route follows at once.
      const row = await ask(`cost-half/${MODEL}`);
      expect(row.upstreamCost).toBe(priced(HALF, row.promptTokens, row.completionTokens));
    });

    it('round-trips the cost through the YAML export and import', async () => {
      const box = new SecretBox(Buffer.from(secretKey, 'base64'));
      const text = stringify(await exportChannels(gateway.app.store.db, box, { withSecrets: false }));
      expect(text).toContain('multiplier_ppm: 500000');
      const document = channelDocumentSchema.parse(parse(text));
      const fixed = document.channels.find((entry) => entry.name === 'cost-fixed');
      expect(fixed?.cost).toEqual({ models: { [MODEL]: FIXED } });
      // Forget the costs, then import the document: they come back.
      for (const name of ['cost-half', 'cost-fixed']) {
        await asAdmin(gateway, 'PATCH', `/api/admin/channels/${ids[name]}`, { cost: null });
      }
      const stored = Object.entries(ids).map(([name, id]) => ({ id, name, headers: null, proxyUrl: null }));
      const plan = planChannelImport({ channels: document.channels.filter((entry) => entry.name in CHANNELS) }, stored);
      for (const step of plan) {
        expect(step.action).toBe('update');
        if (step.action !== 'update') continue;
        const { cost, priority, weight, models } = step.input;
        const applied = await asAdmin(gateway, 'PATCH', `/api/admin/channels/${step.id}`, {
          cost,
          priority,
          weight,
          models,
        });
        expect(applied.status, JSON.stringify(applied.json)).toBe(200);
      }
      for (const [name, cost] of Object.entries(CHANNELS)) {
        expect((await asAdmin(gateway, 'GET', `/api/admin/channels/${ids[name]}`)).json.cost).toEqual(cost);
      }
      // A bad cost in a document names its entry and field.
      const bad = { channels: [{ ...fixed, cost: { models: { [MODEL]: { input: 5 } } } }] };
      expect(() => planChannelImport(channelDocumentSchema.parse(bad), stored)).toThrow(
        /channels\[0\] \(cost-fixed\).*cost\.models\.gpt-4\.1-mini/,
      );
    });

    it.each([
      [{ multiplierPpm: -1 }, 'cost.multiplierPpm'],
      [{ multiplierPpm: 2_000_000_000 }, 'cost.multiplierPpm'],
      [{ models: { [MODEL]: { input: 1 } } }, `cost.models.${MODEL}`],
      [{ models: { [MODEL]: { input: 1, output: 'cheap' } } }, `cost.models.${MODEL}.output`],
      [{ models: { 'gpt-*': { input: 1, output: 1 } } }, 'cost.models.gpt-*'],
      [{ margin: 5 }, 'cost'],
    ])('refuses cost %j with a 400 naming %s', async (cost, param) => {
      const reply = await asAdmin(gateway, 'PATCH', `/api/admin/channels/${ids['cost-list']}`, { cost });
      expect(reply.status).toBe(400);
      expect(reply.json.error.param).toBe(param);
      expect(reply.json.error.message).toContain(param);
    });
  });
}
