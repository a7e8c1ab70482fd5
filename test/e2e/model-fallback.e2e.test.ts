/**
 * Model fallbacks (issue 18, OpenRouter's `models`), through the official `openai` package with the
 * extra parameter as users send it: the next model is tried only when the one before could not
 * serve the request, before any byte reached the client; the answer names the model that served,
 * and the caller is charged once, at that model's price.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const unavailable = { fault: { type: 'http-error' as const, status: 503 } };

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`model fallbacks [${database}]`, () => {
    let gateway: Gateway;
    let user: Session;
    let key: string;
    let client: OpenAI;

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      user = await register(gateway, `fallback-${database}@example.com`);
      key = (await createKey(gateway, user)).key;
      client = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
    });
    afterAll(() => gateway?.close());
    beforeEach(() => {
      gateway.openai.reset();
      gateway.anthropic.reset();
    });

    /** OpenRouter's `models`, passed as the SDK passes any extra body parameter. */
    const withModels = (body: Record<string, unknown>) =>
      body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;

    async function ledgerCharge(requestId: string): Promise<number> {
      await waitForLog(gateway, user, requestId);
      const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
      const charges = ledger.json.data.filter((row: { reference: string }) => row.reference === requestId);
      expect(charges).toHaveLength(1);
      return -charges[0].amount / 1_000_000;
    }

    it('answers from the next model when every channel of the first is down, charged once at its price', async () => {
      for (let i = 0; i < 5; i++) gateway.openai.enqueue(unavailable);
      gateway.anthropic.enqueue({ usage: { inputTokens: 300, outputTokens: 40 } });
      const { data, response } = await client.chat.completions
        .create(
          withModels({
            model: 'gpt-4.1-mini',
            models: ['claude-sonnet-4-5'],
            messages: [{ role: 'user', content: 'hello' }],
            max_tokens: 100,
          }),
        )
        .withResponse();
      expect(data.model).toBe('claude-sonnet-4-5');
      expect(data.choices[0]?.message.content).toContain('Anthropic');
      expect(gateway.openai.requestCount).toBeGreaterThanOrEqual(1);
      expect(gateway.anthropic.requestCount).toBe(1);
      const requestId = response.headers.get('x-request-id') as string;
      const charge = await ledgerCharge(requestId);
      expect((data.usage as unknown as { cost: number }).cost).toBe(charge);
      const log = await waitForLog(gateway, user, requestId);
      expect(log).toMatchObject({ modelRequested: 'gpt-4.1-mini', status: 200 });
      expect(log.attempts).toBeGreaterThanOrEqual(2);
      expect(Number(response.headers.get('x-aihub-attempts'))).toBe(log.attempts);
    });

    it('takes `models` alone, its first entry first, and skips a model no channel serves', async () => {
      gateway.anthropic.enqueue({});
      const completion = await client.chat.completions.create(
        withModels({
          models: ['no-such-model-anywhere', 'claude-sonnet-4-5'],
          messages: [{ role: 'user', content: 'x' }],
        }),
      );
      expect(completion.model).toBe('claude-sonnet-4-5');
      expect(gateway.openai.requestCount).toBe(0);
    });

    it('streams from the fallback, which begins only once the first model failed', async () => {
      for (let i = 0; i < 5; i++) gateway.anthropic.enqueue(unavailable);
      const stream = await client.chat.completions.create({
        ...withModels({
          model: 'claude-sonnet-4-5',
          models: ['gpt-4.1-mini'],
          messages: [{ role: 'user', content: 'x' }],
        }),
        stream: true,
      } as OpenAI.ChatCompletionCreateParamsStreaming);
      let text = '';
      const models = new Set<string>();
      for await (const chunk of stream) {
        models.add(chunk.model);
        text += chunk.choices[0]?.delta.content ?? '';
      }
      expect(text).toContain('OpenAI');
      expect([...models]).toEqual(['gpt-4.1-mini']);
    });

    it('does not fall back from the client’s own mistake: the upstream’s 400 is the answer', async () => {
      gateway.openai.enqueue({ fault: { type: 'http-error', status: 400, message: 'Invalid value for temperature.' } });
      const failure = await client.chat.completions
        .create(
          withModels({
            model: 'gpt-4.1-mini',
            models: ['claude-sonnet-4-5'],
            messages: [{ role: 'user', content: 'x' }],
          }),
        )
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
      expect(gateway.anthropic.requestCount).toBe(0);
    });

    it('answers the last model’s failure when every model fails, and charges nothing', async () => {
      for (let i = 0; i < 5; i++) {
        gateway.openai.enqueue(unavailable);
        gateway.anthropic.enqueue(unavailable);
      }
      const before = (await asUser(gateway, user, 'GET', '/api/balance')).json;
      const failure = (await client.chat.completions
        .create(
          withModels({
            model: 'gpt-4.1-mini',
            models: ['claude-sonnet-4-5'],
            messages: [{ role: 'user', content: 'x' }],
          }),
        )
        .catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
      expect(failure.status).toBeGreaterThanOrEqual(500);
      expect(gateway.anthropic.requestCount).toBeGreaterThanOrEqual(1);
      const after = (await asUser(gateway, user, 'GET', '/api/balance')).json;
      expect(after).toMatchObject({ balance: before.balance, reserved: 0 });
    });

    it('goes past a model the key may not use, to one it may', async () => {
      const limited = (await createKey(gateway, user, { allowedModels: ['claude-*'] })).key;
      const limitedClient = new OpenAI({ apiKey: limited, baseURL: gateway.baseURL, maxRetries: 0 });
      gateway.anthropic.enqueue({});
      const completion = await limitedClient.chat.completions.create(
        withModels({
          model: 'gpt-4.1-mini',
          models: ['claude-sonnet-4-5'],
          messages: [{ role: 'user', content: 'x' }],
        }),
      );
      expect(completion.model).toBe('claude-sonnet-4-5');
      expect(gateway.openai.requestCount).toBe(0);
      // No model of the list allowed: the first model's refusal.
      const refused = await limitedClient.chat.completions
        .create(withModels({ model: 'gpt-4.1-mini', models: ['gpt-4o'], messages: [{ role: 'user', content: 'x' }] }))
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
    });

    it('refuses a malformed list with a 400 naming it', async () => {
      for (const models of [[], ['a', ''], Array.from({ length: 9 }, (_, i) => `m${i}`), 'gpt-4o']) {
        const failure = (await client.chat.completions
          .create(withModels({ model: 'gpt-4.1-mini', models, messages: [{ role: 'user', content: 'x' }] }))
          .catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
        expect(failure.status).toBe(400);
        expect(failure.message).toMatch(/models/);
      }
      expect(gateway.openai.requestCount).toBe(0);
    });
  });
}
