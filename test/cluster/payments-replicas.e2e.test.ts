/**
 * Payment provider settings are live across replicas: EPay configured in the console of replica
 * A (its key encrypted, both replicas sharing AIHUB_SECRET_KEY) is offered and used by replica B
 * without a restart, through the config bus.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asAdmin, asUser, register, type Session } from '../e2e/platform-client.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { describeRedis } from './redis-harness.js';
import { type Replica, replicaCluster } from './replica-harness.js';

describeRedis('payment provider settings across replicas', () => {
  const cluster = replicaCluster('payments', () => upstream.url);
  const secretKey = randomBytes(32).toString('hex');
  let upstream: Emulator;
  let a: Replica;
  let b: Replica;
  let user: Session;

  beforeAll(async () => {
    upstream = await startOpenAIEmulator();
    a = await cluster.start({ AIHUB_SECRET_KEY: secretKey });
    b = await cluster.start({ AIHUB_SECRET_KEY: secretKey });
    user = await register(a, 'dave-pay@example.com');
  });
  afterAll(async () => {
    await cluster.close();
    await upstream?.close();
  });

  it('a provider configured on one replica is offered and used on another at once', async () => {
    expect((await asUser(b, user, 'GET', '/api/payments/options')).json.methods).toEqual([]);
    await asAdmin(a, 'PATCH', '/api/admin/settings', { topUp: { enabledMethods: ['epay'] } });
    // The rules reach B first; EPay is enabled there but not configured, so still not offered.
    for (let i = 0; i < 100; i++) {
      const rules = await asAdmin(b, 'GET', '/api/admin/settings');
      if (rules.json.topUp.enabledMethods.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await asUser(b, user, 'GET', '/api/payments/options')).json.methods).toEqual([]);
    const put = await asAdmin(a, 'PUT', '/api/admin/payments/providers/epay', {
      fields: { baseUrl: 'https://pay.example.com', pid: '4242', key: 'console-secret' },
    });
    expect(put.json).toMatchObject({ configured: true, problem: null });

    let methods: unknown[] = [];
    for (let i = 0; i < 100 && methods.length === 0; i++) {
      methods = (await asUser(b, user, 'GET', '/api/payments/options')).json.methods;
      if (methods.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(methods).toEqual([{ method: 'epay', currency: 'CNY' }]);
    const order = await asUser(b, user, 'POST', '/api/payments/orders', { method: 'epay', amount: 1_000_000 });
    expect(order.status).toBe(201);
    expect(new URL(order.json.checkout.url).searchParams.get('pid')).toBe('4242');
    const view = await asAdmin(b, 'GET', '/api/admin/payments/providers');
    expect(JSON.stringify(view.json)).not.toContain('console-secret');
  });
});
