/**
 * Web searches the vendor runs, billed per call through the real server with the official SDKs:
 * `@anthropic-ai/sdk` messages with the `web_search_20250305` server tool on an Anthropic channel
 * (pass-through), whole and streamed, and `openai` responses with `{type: "web_search"}` on an
 * OpenAI channel (pass-through), with the emulators scripted to report searches in the vendors'
 * wire formats. The ledger charge, the log row and `/api/logs` must equal tokens + searches × the
 * catalog's per-search price (computed here from the catalog entry, independently of
 * src/billing/cost.ts), within what was held (no overrun recorded); a balance that covers the
 * tokens but not the searches the request allows is refused with a 402 before any upstream call.
 * Before this, the searches were not billed at all.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinCatalog } from '../../src/catalog/catalog.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const CLAUDE = 'claude-sonnet-4-5';
const GPT = 'gpt-5';
/** OpenAI's "$10 / 1k calls" for web search: the catalog lists no figure for gpt-5, so the operator sets it. */
const GPT_SEARCH_PRICE = 10_000;

interface Prices {
  input?: number;
  output?: number;
  perWebSearch?: number;
}

/** Tokens (uncached input and output only, as scripted) at list price, rounded once half up, + searches. */
function listPrice(prices: Prices, input: number, output: number, searches: number): number {
  const micro = BigInt(input) * BigInt(prices.input ?? 0) + BigInt(output) * BigInt(prices.output ?? 0);
  return Number((micro + 500_000n) / 1_000_000n) + searches * (prices.perWebSearch ?? 0);
}

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`vendor-run web searches billed per call [${database}]`, () => {
    let gateway: Gateway;
    let user: Session;
    let anthropic: Anthropic;
    let openai: OpenAI;
    const claudePrices: Prices = getBuiltinCatalog().get('anthropic', CLAUDE)?.prices ?? {};
    let gptPrices: Prices = {};

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      user = await register(gateway, `search-${database}@example.com`);
      const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
        amount: 10_000_000,
        reason: 'web search billing test credit',
      });
      expect(topUp.status).toBe(200);
      const key = await createKey(gateway, user);
      anthropic = new Anthropic({ authToken: key.key, apiKey: null, baseURL: gateway.origin, maxRetries: 0 });
      openai = new OpenAI({ apiKey: key.key, baseURL: gateway.baseURL, maxRetries: 0 });
      const override = await asAdmin(gateway, 'PUT', `/api/admin/catalog/overrides/openai/${GPT}`, {
        prices: { perWebSearch: GPT_SEARCH_PRICE },
      });
      expect(override.status).toBe(200);
      gptPrices = override.json.prices;
    });
    afterAll(() => gateway?.close());

    it("uses Anthropic's catalog price per search ($10 per 1,000) and the operator's for gpt-5", () => {
      expect(claudePrices.perWebSearch).toBe(10_000);
      expect(gptPrices.perWebSearch).toBe(GPT_SEARCH_PRICE);
    });

    /** The charge, the log row and /api/logs of a request all equal `expected`, held in full. */
    async function expectBilled(requestId: string, expected: number, searches: number): Promise<void> {
      const log = await waitForLog(gateway, user, requestId);
      expect(log).toMatchObject({ cost: expected, webSearchCalls: searches });
      const row = await gateway.app.store.db
        .selectFrom('request_logs')
        .select(['cost', 'web_search_calls'])
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      expect(Number(row.cost)).toBe(expected);
      expect(Number(row.web_search_calls)).toBe(searches);
      const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
      const charge = ledger.json.data.find((entry: { reference: string }) => entry.reference === requestId);
      expect(charge).toMatchObject({ kind: 'charge', amount: -expected });
      expect(charge.reason).toContain(`${searches} web searches`);
      // Held at least the charge: the ledger records no overrun.
      const overruns = await gateway.app.store.db
        .selectFrom('billing_overruns')
        .select('request_id')
        .where('request_id', '=', requestId)
        .execute();
      expect(overruns).toEqual([]);
    }

    for (const stream of [false, true]) {
      it(`charges an Anthropic web search server tool's searches${stream ? ', streamed' : ''}`, async () => {
        const searches = stream ? 3 : 2;
        gateway.anthropic.enqueue({ usage: { inputTokens: 2_000, outputTokens: 100 }, webSearches: searches });
        const params = {
          model: CLAUDE,
          max_tokens: 300,
          messages: [{ role: 'user' as const, content: 'What happened in tech today?' }],
          tools: [{ type: 'web_search_20250305' as const, name: 'web_search' as const, max_uses: 5 }],
        };
        let requestId: string | null;
        if (stream) {
          const { response, data } = await anthropic.messages.stream(params).withResponse();
          const message = await data.finalMessage();
          expect(message.usage.server_tool_use?.web_search_requests).toBe(searches);
          requestId = response.headers.get('x-request-id');
        } else {
          const { data: message, response } = await anthropic.messages.create(params).withResponse();
          expect(message.usage.server_tool_use?.web_search_requests).toBe(searches);
          expect(message.content.filter((block) => block.type === 'server_tool_use')).toHaveLength(searches);
          requestId = response.headers.get('x-request-id');
        }
        // The tool reached Anthropic as the client wrote it.
        const sent = gateway.anthropic.requests.at(-1)?.body as { tools?: unknown } | undefined;
        expect(sent?.tools).toEqual(params.tools);
        await expectBilled(requestId as string, listPrice(claudePrices, 2_000, 100, searches), searches);
      });
    }

    for (const stream of [false, true]) {
      it(`charges an OpenAI Responses web_search tool's calls${stream ? ', streamed' : ''}`, async () => {
        const searches = stream ? 4 : 2;
        gateway.openai.enqueue({
          usage: { inputTokens: 1_500, outputTokens: 80, reasoningTokens: 0 },
          webSearches: searches,
        });
        const params = {
          model: GPT,
          max_output_tokens: 300,
          input: 'What happened in tech today?',
          tools: [{ type: 'web_search' as const }],
        };
        let requestId: string | null;
        if (stream) {
          const { data: events, response } = await openai.responses.create({ ...params, stream: true }).withResponse();
          let calls = 0;
          for await (const event of events) {
            if (event.type === 'response.output_item.done' && event.item.type === 'web_search_call') calls++;
          }
          expect(calls).toBe(searches);
          requestId = response.headers.get('x-request-id');
        } else {
          const { data: answer, response } = await openai.responses.create(params).withResponse();
          expect(answer.output.filter((item) => item.type === 'web_search_call')).toHaveLength(searches);
          requestId = response.headers.get('x-request-id');
        }
        await expectBilled(requestId as string, listPrice(gptPrices, 1_500, 80, searches), searches);
      });
    }

    it('refuses, before any upstream call, a balance that covers the tokens but not the searches allowed', async () => {
      const poor = await register(gateway, `search-poor-${database}@example.com`);
      // 4 searches at $0.01 need 40,000 units; the tokens of this request need about 5,000: 20,000 left.
      const { balance } = await gateway.app.store.db
        .selectFrom('users')
        .select('balance')
        .where('id', '=', poor.userId)
        .executeTakeFirstOrThrow();
      const credit = await asAdmin(gateway, 'POST', `/api/admin/users/${poor.userId}/adjust`, {
        amount: 20_000 - Number(balance),
        reason: 'leave 20,000 units',
      });
      expect(credit.status).toBe(200);
      const key = await createKey(gateway, poor);
      const client = new Anthropic({ authToken: key.key, apiKey: null, baseURL: gateway.origin, maxRetries: 0 });
      const before = gateway.anthropic.requests.length;
      const refused = await client.messages
        .create({
          model: CLAUDE,
          max_tokens: 300,
          messages: [{ role: 'user', content: 'Search the news.' }],
          tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 4 }],
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(refused).toBeInstanceOf(Anthropic.APIError);
      expect((refused as InstanceType<typeof Anthropic.APIError>).status).toBe(402);
      expect((refused as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: 'error' });
      expect(gateway.anthropic.requests.length).toBe(before);
      // Without the search tool the same balance pays for the tokens.
      const plain = await client.messages.create({
        model: CLAUDE,
        max_tokens: 300,
        messages: [{ role: 'user', content: 'Search the news.' }],
      });
      expect(plain.type).toBe('message');
    });
  });
}
