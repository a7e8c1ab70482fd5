/**
 * Prompt caching billed to the unit through the real server: an Anthropic model behind
 * `/v1/chat/completions` whose upstream usage reports a one-hour cache write, a five-minute write,
 * or a cache read. The ledger charge, the request log row and `/api/logs` must equal the catalog's
 * list prices (computed here from the catalog entry, independently of src/billing/cost.ts). Before
 * cache writes were split by lifetime, the one-hour write was charged at the five-minute price.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinCatalog } from '../../src/catalog/catalog.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const MODEL = 'claude-sonnet-4-5';
const prices = getBuiltinCatalog().get('anthropic', MODEL)?.prices ?? {};

interface Scripted {
  inputTokens: number;
  outputTokens: number;
  cachedTokens?: number;
  cacheWriteTokens?: number;
  cacheWrite1hTokens?: number;
}

/** The list price of that usage in units, rounded once half up (1 unit = 1e-6 USD, prices per 1M). */
function listPrice(usage: Scripted): number {
  const read = usage.cachedTokens ?? 0;
  const writes = usage.cacheWriteTokens ?? 0;
  const oneHour = usage.cacheWrite1hTokens ?? 0;
  const uncached = usage.inputTokens - read - writes;
  const price = (value: number | undefined) => BigInt(value ?? 0);
  const micro =
    BigInt(uncached) * price(prices.input) +
    BigInt(read) * price(prices.cacheRead) +
    BigInt(writes - oneHour) * price(prices.cacheWrite) +
    BigInt(oneHour) * price(prices.cacheWrite1h) +
    BigInt(usage.outputTokens) * price(prices.output);
  return Number((micro + 500_000n) / 1_000_000n);
}

const CASES: Array<{ name: string; stream: boolean; usage: Scripted }> = [
  {
    name: 'a one-hour cache write',
    stream: false,
    usage: { inputTokens: 10_100, outputTokens: 50, cacheWriteTokens: 10_000, cacheWrite1hTokens: 10_000 },
  },
  {
    name: 'a one-hour cache write, streamed',
    stream: true,
    usage: { inputTokens: 8_107, outputTokens: 33, cacheWriteTokens: 8_000, cacheWrite1hTokens: 6_001 },
  },
  {
    name: 'a five-minute cache write',
    stream: false,
    usage: { inputTokens: 10_100, outputTokens: 50, cacheWriteTokens: 10_000 },
  },
  { name: 'a cache read', stream: false, usage: { inputTokens: 10_100, outputTokens: 50, cachedTokens: 10_000 } },
];

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`prompt caching billed to the unit [${database}]`, () => {
    let gateway: Gateway;
    let user: Session;
    let key: { key: string; id: string };

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      user = await register(gateway, `cache-${database}@example.com`);
      const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
        amount: 10_000_000,
        reason: 'cache billing test credit',
      });
      expect(topUp.status).toBe(200);
      key = await createKey(gateway, user);
    });
    afterAll(() => gateway?.close());

    it('uses a catalog entry with distinct 5 m, 1 h and read prices', () => {
      expect(prices.cacheWrite1h).toBeGreaterThan(prices.cacheWrite ?? 0);
      expect(prices.cacheWrite).toBeGreaterThan(prices.input ?? 0);
      expect(prices.cacheRead).toBeLessThan(prices.input ?? 0);
    });

    for (const { name, stream, usage } of CASES) {
      it(`charges ${name} at the catalog price, and logs the split`, async () => {
        gateway.anthropic.enqueue({ usage });
        const response = await fetch(`${gateway.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: MODEL,
            max_tokens: 200,
            stream,
            messages: [{ role: 'user', content: 'Hello there' }],
          }),
        });
        expect(response.status).toBe(200);
        await response.text();
        const requestId = response.headers.get('x-request-id') as string;
        const expected = listPrice(usage);

        const log = await waitForLog(gateway, user, requestId);
        expect(log).toMatchObject({
          cost: expected,
          promptTokens: usage.inputTokens,
          cachedTokens: usage.cachedTokens ?? 0,
          cacheWriteTokens: usage.cacheWriteTokens ?? 0,
          cacheWrite1hTokens: usage.cacheWrite1hTokens ?? 0,
          completionTokens: usage.outputTokens,
        });

        const row = await gateway.app.store.db
          .selectFrom('request_logs')
          .select(['cost', 'cache_write_tokens', 'cache_write_1h_tokens', 'cached_tokens'])
          .where('id', '=', requestId)
          .executeTakeFirstOrThrow();
        expect(Number(row.cost)).toBe(expected);
        expect(Number(row.cache_write_tokens)).toBe(usage.cacheWriteTokens ?? 0);
        expect(Number(row.cache_write_1h_tokens)).toBe(usage.cacheWrite1hTokens ?? 0);
        expect(Number(row.cached_tokens)).toBe(usage.cachedTokens ?? 0);

        const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
        const charge = ledger.json.data.find((entry: { reference: string }) => entry.reference === requestId);
        expect(charge).toMatchObject({ kind: 'charge', amount: -expected });
        if (usage.cacheWrite1hTokens) expect(charge.reason).toContain(`${usage.cacheWrite1hTokens} of them 1h`);
      });
    }

    it('charges a one-hour write more than the same five-minute write (their price ratio, to the unit)', async () => {
      const logs = (await asUser(gateway, user, 'GET', `/api/logs?model=${MODEL}`)).json.data as Array<{
        cost: number;
        cacheWrite1hTokens: number;
        cacheWriteTokens: number;
      }>;
      const oneHour = logs.find((log) => log.cacheWrite1hTokens === 10_000);
      const fiveMinutes = logs.find((log) => log.cacheWriteTokens === 10_000 && log.cacheWrite1hTokens === 0);
      expect(oneHour && fiveMinutes).toBeTruthy();
      const writeDifference = (10_000 * ((prices.cacheWrite1h ?? 0) - (prices.cacheWrite ?? 0))) / 1_000_000;
      expect((oneHour?.cost ?? 0) - (fiveMinutes?.cost ?? 0)).toBe(writeDifference);
    });
  });
}
