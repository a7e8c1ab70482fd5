/**
 * What a request cost, in every answer (issue 18): OpenRouter's `usage.cost` in USD with AIHub's
 * breakdown, in JSON answers, in a stream's usage chunk (asked for with `stream_options` or
 * OpenRouter's `usage: {include: true}`), in the `x-aihub-cost` header of JSON answers, and in the
 * generation record. Through the official `openai` package, as users call it; every figure must
 * equal the ledger's charge for the request.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

type CostedUsage = OpenAI.CompletionUsage & {
  cost: number;
  cost_details: { prompt_cost: number; completion_cost: number; other_cost: number };
};

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`cost in every answer [${database}]`, () => {
    let gateway: Gateway;
    let user: Session;
    let key: string;
    let client: OpenAI;

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      user = await register(gateway, `cost-${database}@example.com`);
      key = (await createKey(gateway, user)).key;
      client = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
    });
    afterAll(() => gateway?.close());

    /** The ledger's charge for a request, in USD (entries are negative units). */
    async function charged(requestId: string): Promise<number> {
      await waitForLog(gateway, user, requestId);
      const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
      const entry = ledger.json.data.find((row: { reference: string }) => row.reference === requestId);
      expect(entry, `a ledger charge for ${requestId}`).toBeDefined();
      return -entry.amount / 1_000_000;
    }

    async function generation(requestId: string) {
      const reply = await fetch(`${gateway.origin}/api/v1/generation?id=${requestId}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(reply.status).toBe(200);
      return ((await reply.json()) as { data: Record<string, unknown> }).data;
    }

    function expectParts(usage: CostedUsage) {
      const { prompt_cost, completion_cost, other_cost } = usage.cost_details;
      expect(prompt_cost).toBeGreaterThan(0);
      expect(completion_cost).toBeGreaterThan(0);
      // Each part is rounded on its own: their sum is the total within a unit per part.
      expect(Math.abs(prompt_cost + completion_cost + other_cost - usage.cost)).toBeLessThanOrEqual(3e-6);
    }

    it.each([
      ['gpt-4.1-mini', 'openai'],
      ['claude-sonnet-4-5', 'anthropic'],
      ['gemini-2.5-flash-lite', 'gemini'],
    ] as const)('answers %s with usage.cost and x-aihub-cost, both the ledger charge', async (model, vendor) => {
      gateway[vendor].enqueue({ usage: { inputTokens: 1_200, outputTokens: 340 } });
      const { data, response } = await client.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'What does it cost?' }], max_tokens: 500 })
        .withResponse();
      const requestId = response.headers.get('x-request-id') as string;
      const usage = data.usage as CostedUsage;
      const ledger = await charged(requestId);
      expect(ledger).toBeGreaterThan(0);
      expect(usage.cost).toBe(ledger);
      expect(Number(response.headers.get('x-aihub-cost'))).toBe(ledger);
      expectParts(usage);
      expect(await generation(requestId)).toMatchObject({
        id: requestId,
        total_cost: ledger,
        tokens_prompt: 1_200,
        tokens_completion: 340,
        streamed: false,
        provider_name: vendor,
        status: 200,
      });
    });

    it.each([
      ['gpt-4.1-mini', 'openai', 'stream_options'],
      ['gpt-4.1-mini', 'openai', 'usage.include'],
      ['claude-sonnet-4-5', 'anthropic', 'stream_options'],
      ['claude-sonnet-4-5', 'anthropic', 'usage.include'],
    ] as const)('streams %s from %s with the cost in the usage chunk, asked with %s', async (model, vendor, how) => {
      gateway[vendor].enqueue({ usage: { inputTokens: 900, outputTokens: 120 } });
      const asked =
        how === 'stream_options'
          ? { stream_options: { include_usage: true } }
          : // OpenRouter's parameter, sent as users send extra parameters through the SDK.
            ({ usage: { include: true } } as Record<string, unknown>);
      const { data: stream, response } = await client.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'Stream the cost' }], stream: true, ...asked })
        .withResponse();
      let usage: CostedUsage | undefined;
      let text = '';
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage as CostedUsage;
      }
      expect(text.length).toBeGreaterThan(0);
      const requestId = response.headers.get('x-request-id') as string;
      const ledger = await charged(requestId);
      expect(usage?.completion_tokens).toBe(120);
      expect(usage?.cost).toBe(ledger);
      expectParts(usage as CostedUsage);
      expect(await generation(requestId)).toMatchObject({ total_cost: ledger, streamed: true });
    });

    it('sends no usage chunk to a stream that asked for none, and the generation record still has the cost', async () => {
      gateway.openai.enqueue({ usage: { inputTokens: 50, outputTokens: 20 } });
      const { data: stream, response } = await client.chat.completions
        .create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'No usage' }], stream: true })
        .withResponse();
      for await (const chunk of stream) expect(chunk.usage ?? undefined).toBeUndefined();
      const requestId = response.headers.get('x-request-id') as string;
      expect((await generation(requestId)).total_cost).toBe(await charged(requestId));
    });

    it('tells Anthropic Messages clients the cost in x-aihub-cost, their answer passed through untouched', async () => {
      gateway.anthropic.enqueue({ usage: { inputTokens: 400, outputTokens: 60 } });
      const reply = await fetch(`${gateway.origin}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude-sonnet-4-5',
          max_tokens: 200,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      const body = (await reply.json()) as { usage: Record<string, unknown> };
      const ledger = await charged(reply.headers.get('x-request-id') as string);
      expect(body.usage.input_tokens).toBe(400);
      expect(body.usage.cost).toBeUndefined();
      expect(Number(reply.headers.get('x-aihub-cost'))).toBe(ledger);
    });

    it('says what a cache hit cost (free by default), not what the original answer did', async () => {
      const ask = {
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user' as const, content: `cache me ${database}` }],
        max_tokens: 50,
      };
      const cached = { headers: { 'x-aihub-cache': 'on' } };
      const first = await client.chat.completions.create(ask, cached).withResponse();
      expect((first.data.usage as CostedUsage).cost).toBeGreaterThan(0);
      const hit = await client.chat.completions.create(ask, cached).withResponse();
      expect(hit.response.headers.get('x-aihub-cache')).toBe('hit');
      expect(hit.response.headers.get('x-aihub-cost')).toBe('0');
      expect((hit.data.usage as CostedUsage).cost).toBe(0);
      expect(hit.data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);

      const streamAsk = { ...ask, stream: true as const, stream_options: { include_usage: true } };
      const costs: number[] = [];
      for (let i = 0; i < 2; i++) {
        const stream = await client.chat.completions.create(streamAsk, cached);
        for await (const chunk of stream) if (chunk.usage) costs.push((chunk.usage as CostedUsage).cost);
      }
      expect(costs[0]).toBeGreaterThan(0);
      expect(costs[1]).toBe(0);
    });

    it('keeps one user’s generation records from another', async () => {
      const { response } = await client.chat.completions
        .create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'mine' }], max_tokens: 20 })
        .withResponse();
      const requestId = response.headers.get('x-request-id') as string;
      await waitForLog(gateway, user, requestId);
      const other = await register(gateway, `other-${database}@example.com`);
      const otherKey = (await createKey(gateway, other)).key;
      const reply = await fetch(`${gateway.origin}/api/generation?id=${requestId}&waitMs=0`, {
        headers: { authorization: `Bearer ${otherKey}` },
      });
      expect(reply.status).toBe(404);
    });
  });
}
