/**
 * Subscription plans through the real server and the official `openai` package: a user holding a
 * plan makes chat calls that draw its 5-hour token window, then gets a 429 whose retry-after says
 * when the window reopens; the balance is never touched, and the books reconcile. A stream the
 * upstream breaks draws the window for what was delivered; a call that fails draws nothing.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const FIVE_HOURS_S = 5 * 60 * 60;

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`subscription plans end to end [${database}]`, () => {
    let gateway: Gateway;
    let user: Session;
    let client: OpenAI;

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      user = await register(gateway, `planner-${database}@example.com`);
      const key = await createKey(gateway, user);
      // No retries: the SDK would otherwise wait out the 429 itself.
      client = new OpenAI({ apiKey: key.key, baseURL: gateway.baseURL, maxRetries: 0 });
    });
    afterAll(() => gateway?.close());

    it('draws the 5-hour window, then answers 429 with retry-after, leaving the balance untouched', async () => {
      const plan = await asAdmin(gateway, 'POST', '/api/admin/plans', {
        name: 'Coding plan',
        price: 10_000_000,
        period: { kind: 'month' },
        models: ['gpt-*'],
        allowances: { five_hour: { unit: 'tokens', limit: 600 } },
      });
      expect(plan.status).toBe(201);
      const granted = await asAdmin(gateway, 'POST', '/api/admin/subscriptions', {
        userId: user.userId,
        planId: plan.json.id,
      });
      expect(granted.status).toBe(201);
      const before = await asUser(gateway, user, 'GET', '/api/balance');
      const startedAt = Date.now();

      let succeeded = 0;
      let refusal: unknown;
      for (let call = 0; call < 40 && !refusal; call++) {
        gateway.openai.enqueue({ usage: { inputTokens: 40, outputTokens: 20 } });
        try {
          const completion = await client.chat.completions.create({
            model: 'gpt-4.1-mini',
            messages: [{ role: 'user', content: 'Hello there' }],
            max_tokens: 100,
          });
          expect(completion.usage).toMatchObject({ prompt_tokens: 40, completion_tokens: 20 });
          succeeded++;
        } catch (error) {
          refusal = error;
        }
      }
      expect(succeeded).toBeGreaterThanOrEqual(2);
      expect(refusal).toBeInstanceOf(OpenAI.RateLimitError);
      const error = refusal as InstanceType<typeof OpenAI.RateLimitError>;
      expect(error.status).toBe(429);
      expect(error.code).toBe('plan_window_exhausted');
      const retryAfter = Number(error.headers?.get('retry-after'));
      const elapsed = Math.ceil((Date.now() - startedAt) / 1000);
      expect(retryAfter).toBeLessThanOrEqual(FIVE_HOURS_S);
      expect(retryAfter).toBeGreaterThanOrEqual(FIVE_HOURS_S - elapsed - 1);

      const subscriptions = await asUser(gateway, user, 'GET', '/api/subscriptions');
      const [window] = subscriptions.json.subscriptions[0].windows;
      expect(window).toMatchObject({ name: 'five_hour', unit: 'tokens', used: succeeded * 60, reserved: 0 });
      expect(window.resetsAt).toBeGreaterThan(Date.now());
      const after = await asUser(gateway, user, 'GET', '/api/balance');
      expect(after.json).toMatchObject({ balance: before.json.balance, reserved: 0 });
      const report = await verifyLedger(gateway.app.store);
      expect(report.ok).toBe(true);

      // A model outside the plan is billed to the balance as usual.
      gateway.anthropic.enqueue({ usage: { inputTokens: 10, outputTokens: 5 } });
      await client.chat.completions.create({
        model: 'claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'Hi' }],
        max_tokens: 50,
      });
      const charged = await asUser(gateway, user, 'GET', '/api/balance');
      expect(charged.json.balance).toBeLessThan(before.json.balance);
    });

    it('a stream broken by the upstream draws the window for what was delivered; a failed call draws nothing', async () => {
      const streamer = await register(gateway, `streamer-${database}@example.com`);
      const key = await createKey(gateway, streamer);
      const plan = await asAdmin(gateway, 'POST', '/api/admin/plans', {
        name: 'Claude plan',
        price: 10_000_000,
        period: { kind: 'month' },
        models: ['claude-*'],
        allowances: { five_hour: { unit: 'money', limit: 5_000_000 } },
      });
      expect(plan.status).toBe(201);
      const granted = await asAdmin(gateway, 'POST', '/api/admin/subscriptions', {
        userId: streamer.userId,
        planId: plan.json.id,
      });
      expect(granted.status).toBe(201);
      const balanceBefore = (await asUser(gateway, streamer, 'GET', '/api/balance')).json;
      const window = async () =>
        (await asUser(gateway, streamer, 'GET', '/api/subscriptions')).json.subscriptions[0].windows[0];
      const call = (stream: boolean) =>
        fetch(`${gateway.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'claude-sonnet-4-5',
            messages: [{ role: 'user', content: 'Tell me a story' }],
            max_tokens: 200,
            stream,
          }),
        });

      gateway.anthropic.enqueue({ fault: { type: 'reset-mid-stream', afterChunks: 7 }, chunkCount: 10 });
      const broken = await call(true);
      expect(await broken.text()).toContain('"error"');
      const log = await waitForLog(gateway, streamer, broken.headers.get('x-request-id') as string);
      expect(log.completionTokens).toBeGreaterThan(0);
      expect(log.completionTokens).toBeLessThan(200);
      // Drawn from the window at the catalog price ($3/M input, $15/M output), not the balance.
      const delivered = log.promptTokens * 3 + log.completionTokens * 15;
      expect(await window()).toMatchObject({ unit: 'money', used: delivered, reserved: 0 });
      expect(log).toMatchObject({ cost: 0, planDrawn: delivered });

      gateway.anthropic.enqueue({ fault: { type: 'http-error', status: 500 } });
      const failed = await call(false);
      expect(failed.status).toBe(502);
      expect(await window()).toMatchObject({ used: delivered, reserved: 0 });
      expect((await asUser(gateway, streamer, 'GET', '/api/balance')).json).toEqual(balanceBefore);
      expect((await verifyLedger(gateway.app.store)).ok).toBe(true);
    });
  });
}
