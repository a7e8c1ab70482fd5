import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

/**
 * Hundreds of parallel requests at one small balance, through the real server: reservations must
 * never let them together overdraw the account, and afterwards balance = sum(ledger) exactly.
 */
for (const database of ['sqlite', 'postgres'] as const) {
  describe(`concurrent requests against one small balance [${database}]`, () => {
    let gateway: Gateway;
    let user: Session;
    let key: string;

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      user = await register(gateway, `crowd-${database}@example.com`);
      key = (await createKey(gateway, user)).key;
      // Leave $0.02: about a dozen worst cases of the request below.
      const adjust = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
        amount: -180_000,
        reason: 'test: small balance',
      });
      expect(adjust.status).toBe(200);
    });
    afterAll(() => gateway?.close());

    it('never overdraws and reconciles exactly', async () => {
      // Every answer costs its full worst case (1,000 output tokens), and takes 150 ms upstream so
      // all requests are in flight together.
      gateway.openai.setScript({ usage: { inputTokens: 12, outputTokens: 1000 }, headersDelayMs: 150 });
      const body = JSON.stringify({
        model: 'gpt-4.1-mini',
        max_tokens: 1000,
        messages: [{ role: 'user', content: 'go' }],
      });
      const statuses = await Promise.all(
        Array.from({ length: 250 }, () =>
          fetch(`${gateway.baseURL}/chat/completions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body,
          }).then(async (response) => {
            await response.arrayBuffer();
            return response.status;
          }),
        ),
      );
      gateway.openai.setScript(undefined);
      const ok = statuses.filter((status) => status === 200).length;
      const refused = statuses.filter((status) => status === 402).length;
      expect(ok + refused).toBe(250);
      expect(ok).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);

      const balance = (await asUser(gateway, user, 'GET', '/api/balance')).json;
      expect(balance.reserved).toBe(0);
      expect(balance.balance).toBeGreaterThanOrEqual(0); // overdraft is 0
      const ledger = await asUser(gateway, user, 'GET', '/api/ledger?limit=200');
      const charges = ledger.json.data.filter((entry: { kind: string }) => entry.kind === 'charge');
      expect(charges).toHaveLength(ok);
      const sum = ledger.json.data.reduce((total: number, entry: { amount: number }) => total + entry.amount, 0);
      expect(balance.balance).toBe(sum);
      const report = await verifyLedger(gateway.app.store);
      expect(report.mismatches).toEqual([]);
      expect(report.ok).toBe(true);
    });
  });
}
