import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog, withKey } from './platform-client.js';

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Hello there' }],
  ...extra,
});

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`accounts and billing end to end [${database}]`, () => {
    let gateway: Gateway;
    let alice: Session;
    let bob: Session;
    let aliceKey: { key: string; id: string };

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      alice = await register(gateway, `alice-${database}@example.com`);
      bob = await register(gateway, `bob-${database}@example.com`);
      aliceKey = await createKey(gateway, alice);
    });
    afterAll(() => gateway?.close());

    it('gives a new user the $0.20 trial credit as a ledger entry', async () => {
      const balance = await asUser(gateway, alice, 'GET', '/api/balance');
      expect(balance.json).toMatchObject({ balance: 200_000, reserved: 0 });
      const ledger = await asUser(gateway, alice, 'GET', '/api/ledger');
      expect(ledger.json.data).toEqual([expect.objectContaining({ kind: 'trial', amount: 200_000 })]);
    });

    it('charges exactly the logged cost of a call, from the usage the vendor reported', async () => {
      gateway.anthropic.enqueue({ usage: { inputTokens: 1000, outputTokens: 500, cachedTokens: 200 } });
      const response = await fetch(`${gateway.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${aliceKey.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(chat('claude-sonnet-4-5', { max_tokens: 1000 })),
      });
      expect(response.status).toBe(200);
      const requestId = response.headers.get('x-request-id') as string;
      const log = await waitForLog(gateway, alice, requestId);
      // claude-sonnet-4-5: $3/M input, $0.30/M cache read, $15/M output.
      // 1000 uncached × 3 + 200 cached × 0.3 + 500 × 15 = 3000 + 60 + 7500 = 10,560 units... per 1M:
      expect(log).toMatchObject({
        status: 200,
        modelRequested: 'claude-sonnet-4-5',
        cachedTokens: 200,
        completionTokens: 500,
      });
      expect(log.cost).toBeGreaterThan(0);
      const balance = await asUser(gateway, alice, 'GET', '/api/balance');
      expect(balance.json.balance).toBe(200_000 - log.cost);
      expect(balance.json.reserved).toBe(0);
      const report = await verifyLedger(gateway.app.store);
      expect(report.ok).toBe(true);
    });

    it('counts the delivered output with the tokenizer when the vendor reports no usage, and says so', async () => {
      const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4.1-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      gateway.openai.enqueue({
        fault: {
          type: 'raw',
          chunks: [
            chunk({ role: 'assistant', content: 'The quick brown fox ' }),
            chunk({ content: 'jumps over the lazy dog.' }),
            chunk({}, 'stop'),
            'data: [DONE]\n\n',
          ],
        },
      });
      const response = await fetch(`${gateway.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${aliceKey.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(chat('gpt-4.1-mini', { stream: true, max_tokens: 100 })),
      });
      await response.text();
      const log = await waitForLog(gateway, alice, response.headers.get('x-request-id') as string);
      expect(log.usageEstimated).toBe(true);
      expect(log.completionTokens).toBeGreaterThanOrEqual(8);
      expect(log.completionTokens).toBeLessThanOrEqual(14);
      expect(log.cost).toBeGreaterThan(0);
    });

    it('charges a stream broken by the upstream for what was delivered, and a request that failed before any output nothing', async () => {
      gateway.anthropic.enqueue({ fault: { type: 'reset-mid-stream', afterChunks: 7 }, chunkCount: 10 });
      const broken = await fetch(`${gateway.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${aliceKey.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(chat('claude-sonnet-4-5', { stream: true, max_tokens: 200 })),
      });
      const text = await broken.text();
      expect(text).toContain('"error"');
      const brokenLog = await waitForLog(gateway, alice, broken.headers.get('x-request-id') as string);
      expect(brokenLog.status).toBe(200);
      expect(brokenLog.errorCode).toBeTruthy();
      expect(brokenLog.completionTokens).toBeGreaterThan(0);
      expect(brokenLog.cost).toBeGreaterThan(0);

      gateway.anthropic.enqueue({ fault: { type: 'http-error', status: 500 } });
      const failed = await fetch(`${gateway.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${aliceKey.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(chat('claude-sonnet-4-5', { max_tokens: 200 })),
      });
      expect(failed.status).toBe(502);
      const failedLog = await waitForLog(gateway, alice, failed.headers.get('x-request-id') as string);
      expect(failedLog).toMatchObject({ status: 502, cost: 0 });
      expect((await asUser(gateway, alice, 'GET', '/api/balance')).json.reserved).toBe(0);
      expect((await verifyLedger(gateway.app.store)).ok).toBe(true);
    });

    it('refuses a request the balance cannot cover with a 402 naming the reason, charging nothing', async () => {
      const before = (await asUser(gateway, bob, 'GET', '/api/balance')).json.balance;
      const bobKey = await createKey(gateway, bob);
      const reply = await withKey(
        gateway,
        bobKey.key,
        'POST',
        '/v1/chat/completions',
        chat('claude-opus-4-1', { max_tokens: 30_000 }),
      );
      expect(reply.status).toBe(402);
      expect(reply.json.error).toMatchObject({ type: 'insufficient_quota', code: 'insufficient_balance' });
      expect(reply.json.error.message).toContain('balance');
      expect((await asUser(gateway, bob, 'GET', '/api/balance')).json).toMatchObject({ balance: before, reserved: 0 });
    });

    it('enforces a key quota with 429 and allowed models with 403', async () => {
      const limited = await createKey(gateway, bob, { quota: 1, allowedModels: ['gpt-4*'] });
      const wrongModel = await withKey(gateway, limited.key, 'POST', '/v1/chat/completions', chat('claude-sonnet-4-5'));
      expect(wrongModel.status).toBe(403);
      expect(wrongModel.json.error.code).toBe('model_not_allowed');
      const overQuota = await withKey(
        gateway,
        limited.key,
        'POST',
        '/v1/chat/completions',
        chat('gpt-4.1-mini', { max_tokens: 100 }),
      );
      expect(overQuota.status).toBe(429);
      expect(overQuota.json.error.code).toBe('key_quota_exceeded');
    });

    it('keeps users out of each other’s keys, logs and ledger', async () => {
      const mine = await asUser(gateway, alice, 'GET', '/api/logs');
      const row = mine.json.data[0];
      expect(row).toBeTruthy();
      expect((await asUser(gateway, bob, 'GET', `/api/logs/${row.id}`)).status).toBe(404);
      expect((await asUser(gateway, bob, 'GET', `/api/logs?userId=${alice.userId}`)).json.data).toEqual([]);
      expect((await asUser(gateway, bob, 'GET', `/api/keys/${aliceKey.id}`)).status).toBe(404);
      expect((await asUser(gateway, bob, 'PATCH', `/api/keys/${aliceKey.id}`, { status: 'disabled' })).status).toBe(
        404,
      );
      expect((await asUser(gateway, bob, 'DELETE', `/api/keys/${aliceKey.id}`)).status).toBe(404);
      expect((await asUser(gateway, bob, 'GET', `/api/ledger?userId=${alice.userId}`)).status).toBe(403);
      expect(
        (
          await asUser(gateway, bob, 'POST', `/api/admin/users/${bob.userId}/adjust`, {
            amount: 1_000_000,
            reason: 'x',
          })
        ).status,
      ).toBe(403);
    });

    it('redeems a code once, even under a race, and admins adjust balances with a reason', async () => {
      const batch = await asAdmin(gateway, 'POST', '/api/admin/redemptions', {
        name: 'promo',
        amount: 1_000_000,
        count: 1,
      });
      expect(batch.status).toBe(201);
      const code = batch.json.codes[0];
      const attempts = await Promise.all(
        Array.from({ length: 20 }, () => asUser(gateway, bob, 'POST', '/api/redeem', { code })),
      );
      expect(attempts.filter((reply) => reply.status === 200)).toHaveLength(1);
      const adjusted = await asAdmin(gateway, 'POST', `/api/admin/users/${bob.userId}/adjust`, {
        amount: -50_000,
        reason: 'goodwill correction',
      });
      expect(adjusted.status).toBe(200);
      const ledger = (await asUser(gateway, bob, 'GET', '/api/ledger')).json.data;
      expect(ledger.map((entry: { kind: string }) => entry.kind).sort()).toEqual(['adjust', 'redeem', 'trial']);
      expect((await verifyLedger(gateway.app.store)).ok).toBe(true);
    });

    it('serves the public model list with official and sale prices, and the OpenAPI document', async () => {
      const models = await fetch(`${gateway.origin}/api/models`).then((response) => response.json() as Promise<any>);
      const sonnet = models.data.find((model: { id: string }) => model.id === 'claude-sonnet-4-5');
      expect(sonnet).toBeTruthy();
      expect(sonnet.official.input).toBe(3_000_000);
      expect(sonnet.sale.input).toBe(3_000_000);
      const spec = await fetch(`${gateway.origin}/api/openapi.json`).then(
        (response) => response.json() as Promise<any>,
      );
      expect(spec.openapi).toBe('3.1.0');
      for (const path of [
        '/api/keys',
        '/api/keys/{id}',
        '/api/balance',
        '/api/ledger',
        '/api/logs',
        '/api/usage/daily',
        '/api/redeem',
        '/api/models',
      ]) {
        expect(Object.keys(spec.paths)).toContain(path);
      }
    });
  });
}
