/**
 * A Gemini image model's answer through Chat Completions is billed by the token, its image tokens
 * (`candidatesTokensDetails` IMAGE) at the catalog's `outputImage` price and the rest of the answer
 * at `output` (prices read from the catalog entry here, independently of src/billing/cost.ts); the
 * charge, the log row and the ledger agree, and the hold covered it (no overrun recorded).
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinCatalog } from '../../src/catalog/catalog.js';
import { EMULATOR_IMAGE_TOKENS } from '../emulators/gemini-image-answer.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const MODEL = 'gemini-2.5-flash-image';

describe('Gemini image model answers billed by image tokens', () => {
  let gateway: Gateway;
  let user: Session;
  let client: OpenAI;
  const prices = getBuiltinCatalog().get('gemini', MODEL)?.prices ?? {};

  beforeAll(async () => {
    gateway = await startGateway();
    user = await register(gateway, 'image-chat@example.com');
    const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
      amount: 10_000_000,
      reason: 'image chat billing test credit',
    });
    expect(topUp.status).toBe(200);
    const key = await createKey(gateway, user);
    client = new OpenAI({ apiKey: key.key, baseURL: gateway.baseURL, maxRetries: 0 });
  });
  afterAll(() => gateway?.close());

  it('prices image output above text output in the catalog', () => {
    expect(prices.outputImage).toBeGreaterThan(prices.output ?? 0);
  });

  for (const stream of [false, true]) {
    it(`charges image tokens at outputImage${stream ? ', streamed' : ''}`, async () => {
      let usage: OpenAI.CompletionUsage | undefined;
      let requestId: string | null;
      const params = { model: MODEL, messages: [{ role: 'user' as const, content: 'Draw a cat' }] };
      if (stream) {
        const { data, response } = await client.chat.completions
          .create({ ...params, stream: true, stream_options: { include_usage: true } })
          .withResponse();
        for await (const chunk of data) if (chunk.usage) usage = chunk.usage;
        requestId = response.headers.get('x-request-id');
      } else {
        const { data, response } = await client.chat.completions.create(params).withResponse();
        usage = data.usage;
        requestId = response.headers.get('x-request-id');
      }
      const input = usage?.prompt_tokens ?? 0;
      const text = (usage?.completion_tokens ?? 0) - EMULATOR_IMAGE_TOKENS;
      expect(text).toBeGreaterThan(0);
      const micro =
        BigInt(input) * BigInt(prices.input ?? 0) +
        BigInt(text) * BigInt(prices.output ?? 0) +
        BigInt(EMULATOR_IMAGE_TOKENS) * BigInt(prices.outputImage ?? 0);
      const expected = Number((micro + 500_000n) / 1_000_000n);

      const log = await waitForLog(gateway, user, requestId as string);
      expect(log).toMatchObject({ cost: expected });
      const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
      const charge = ledger.json.data.find((entry: { reference: string }) => entry.reference === requestId);
      expect(charge).toMatchObject({ kind: 'charge', amount: -expected });
      const overruns = await gateway.app.store.db
        .selectFrom('billing_overruns')
        .select('request_id')
        .where('request_id', '=', requestId as string)
        .execute();
      expect(overruns).toEqual([]);
    });
  }
});
