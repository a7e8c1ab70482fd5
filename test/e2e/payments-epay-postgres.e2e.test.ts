/**
 * The EPay top-up path on PostgreSQL (the dialect where concurrent notifications really race):
 * paying through the emulator credits once, 50 concurrent deliveries credit once, the ledger
 * verifies. The full forgery suite runs on SQLite (payments-epay.e2e.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { postgresAvailable } from '../db-harness.js';
import { type EpayEmulator, startEpayEmulator } from '../emulators/epay-emulator.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, register, type Session } from './platform-client.js';

const DOLLAR = 1_000_000;

describe.skipIf(!postgresAvailable && !process.env.CI)('top-up through EPay on PostgreSQL', () => {
  let gateway: Gateway;
  let epay: EpayEmulator;
  let carol: Session;

  beforeAll(async () => {
    epay = await startEpayEmulator({ notifyMethod: 'POST' });
    gateway = await startGateway({ EPAY_BASE_URL: epay.url, EPAY_PID: epay.pid, EPAY_KEY: epay.key }, 'postgres');
    await asAdmin(gateway, 'PATCH', '/api/admin/settings', {
      topUp: { enabledMethods: ['epay'], bonusTiers: [{ atLeast: 50 * DOLLAR, bonus: 5 * DOLLAR }] },
    });
    carol = await register(gateway, 'carol-pay@example.com');
  });
  afterAll(async () => {
    await gateway?.close();
    await epay?.close();
  });

  const balance = async () => (await asUser(gateway, carol, 'GET', '/api/balance')).json.balance;
  const payPage = async (order: { checkout: { url: string } }) => {
    const html = await (await fetch(order.checkout.url)).text();
    return `${epay.url}${/href="([^"]+)"/.exec(html)?.[1]}`;
  };

  it('pays through the emulator (POSTed notification) and credits amount + bonus once', async () => {
    const before = await balance();
    const order = (
      await asUser(gateway, carol, 'POST', '/api/payments/orders', { method: 'epay', amount: 50 * DOLLAR })
    ).json;
    await fetch(await payPage(order), { redirect: 'manual' });
    expect(epay.notifications.at(-1)?.answer).toBe('success');
    expect(await balance()).toBe(before + 55 * DOLLAR);
  });

  it('credits once when the same notification is delivered 50 times concurrently', async () => {
    const before = await balance();
    const order = (await asUser(gateway, carol, 'POST', '/api/payments/orders', { method: 'epay', amount: 3 * DOLLAR }))
      .json;
    await payPage(order);
    const body = new URLSearchParams(epay.notificationFields(order.id)).toString();
    const answers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const response = await fetch(`${gateway.origin}/api/payments/epay/notify`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        return response.text();
      }),
    );
    expect(answers.every((answer) => answer === 'success')).toBe(true);
    expect(await balance()).toBe(before + 3 * DOLLAR);
    const detail = await asAdmin(gateway, 'GET', `/api/admin/payments/orders/${order.id}`);
    expect(detail.json.order.status).toBe('credited');
    expect(detail.json.events.filter((event: { outcome: string }) => event.outcome === 'credited')).toHaveLength(1);
  });

  it('leaves the ledger consistent with every order', async () => {
    expect((await verifyLedger(gateway.app.store)).ok).toBe(true);
  });
});
