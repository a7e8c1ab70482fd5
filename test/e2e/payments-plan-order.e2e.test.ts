/**
 * Buying a subscription plan with money, end to end: an operator defines a plan, a user pays for
 * it through the EPay emulator, and the paid order becomes a subscription in the same
 * transaction that credits the price and spends it on the plan. Chat calls through the official
 * `openai` package then draw the plan's window, not the balance; replays grant nothing more.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type EpayEmulator, startEpayEmulator } from '../emulators/epay-emulator.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

const DOLLAR = 1_000_000;
const PLAN_PRICE = 20 * DOLLAR;

interface Order {
  id: string;
  checkout: { url: string };
}

describe('a plan bought through EPay, end to end', () => {
  let gateway: Gateway;
  let epay: EpayEmulator;
  let dana: Session;
  let erin: Session;
  let planId: string;

  beforeAll(async () => {
    epay = await startEpayEmulator({ retryDelayMs: 20 });
    gateway = await startGateway({ EPAY_BASE_URL: epay.url, EPAY_PID: epay.pid, EPAY_KEY: epay.key });
    const rules = await asAdmin(gateway, 'PATCH', '/api/admin/settings', {
      topUp: { enabledMethods: ['epay'], minAmount: DOLLAR, maxAmount: 500 * DOLLAR, cnyFenPerUsd: 720 },
    });
    expect(rules.status).toBe(200);
    const plan = await asAdmin(gateway, 'POST', '/api/admin/plans', {
      name: 'Coding plan',
      price: PLAN_PRICE,
      period: { kind: 'month' },
      models: ['gpt-*'],
      allowances: { five_hour: { unit: 'tokens', limit: 10_000 } },
    });
    expect(plan.status).toBe(201);
    planId = plan.json.id;
    dana = await register(gateway, 'dana-plan@example.com');
    erin = await register(gateway, 'erin-plan@example.com');
  });
  afterAll(async () => {
    await gateway?.close();
    await epay?.close();
  });

  const balanceOf = async (session: Session) => (await asUser(gateway, session, 'GET', '/api/balance')).json.balance;
  const subscriptionsOf = async (session: Session) =>
    (await asUser(gateway, session, 'GET', '/api/subscriptions')).json.subscriptions as Array<{
      id: string;
      planId: string;
      status: string;
      source: string;
      sourceRef: string;
      windows: Array<{ name: string; used: number; limit: number }>;
    }>;
  const buyPlan = async (session: Session): Promise<Order> => {
    const reply = await asUser(gateway, session, 'POST', '/api/payments/orders', {
      purpose: 'plan',
      method: 'epay',
      planId,
    });
    expect(reply.status).toBe(201);
    return reply.json;
  };
  /** Opens the order's trade at EPay (the browser visiting the checkout page); returns the pay link. */
  const openTrade = async (order: Order) => {
    const html = await (await fetch(order.checkout.url)).text();
    const link = /href="([^"]+)"/.exec(html)?.[1];
    if (!link) throw new Error(`no pay link in ${html}`);
    return `${epay.url}${link}`;
  };
  const notify = async (fields: Record<string, string>) =>
    (await fetch(`${gateway.origin}/api/payments/epay/notify?${new URLSearchParams(fields)}`)).text();

  it('pays for the plan at EPay: a subscription, and a top-up spent on it (balance unchanged)', async () => {
    const before = await balanceOf(dana);
    const order = await buyPlan(dana);
    // The plan's price, from the server: $20 at ¥7.20.
    expect(order).toMatchObject({
      purpose: 'plan',
      planId,
      status: 'created',
      currency: 'CNY',
      payAmount: 14_400,
      creditAmount: PLAN_PRICE,
      bonusAmount: 0,
    });
    const paid = await fetch(await openTrade(order), { redirect: 'manual' });
    expect(paid.status).toBe(302);
    await paid.arrayBuffer();
    expect(epay.notifications.at(-1)?.answer).toBe('success');
    expect((await asUser(gateway, dana, 'GET', `/api/payments/orders/${order.id}`)).json.status).toBe('credited');

    const subscriptions = await subscriptionsOf(dana);
    expect(subscriptions).toEqual([
      expect.objectContaining({ planId, status: 'active', source: 'order', sourceRef: order.id }),
    ]);
    expect(subscriptions[0]?.windows).toEqual([expect.objectContaining({ name: 'five_hour', used: 0, limit: 10_000 })]);
    expect(await balanceOf(dana)).toBe(before);
    const ledger = (await asUser(gateway, dana, 'GET', '/api/ledger')).json.data;
    expect(ledger.slice(0, 2)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'topup', amount: PLAN_PRICE, reference: order.id }),
        expect.objectContaining({ kind: 'plan', amount: -PLAN_PRICE, reference: `${subscriptions[0]?.id}:1` }),
      ]),
    );
  });

  it('chat calls through the openai package draw the plan’s window, not the balance', async () => {
    const before = await balanceOf(dana);
    const key = await createKey(gateway, dana);
    const client = new OpenAI({ apiKey: key.key, baseURL: gateway.baseURL, maxRetries: 0 });
    for (let call = 0; call < 3; call++) {
      gateway.openai.enqueue({ usage: { inputTokens: 40, outputTokens: 20 } });
      const completion = await client.chat.completions.create({
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'Hello there' }],
        max_tokens: 100,
      });
      expect(completion.usage).toMatchObject({ prompt_tokens: 40, completion_tokens: 20 });
    }
    const [subscription] = await subscriptionsOf(dana);
    expect(subscription?.windows).toEqual([expect.objectContaining({ name: 'five_hour', used: 180 })]);
    expect(await balanceOf(dana)).toBe(before);
  });

  it('the notification replayed grants no second subscription and charges nothing more', async () => {
    const [order] = (await asUser(gateway, dana, 'GET', '/api/payments/orders')).json.data as Order[];
    const ledgerBefore = (await asUser(gateway, dana, 'GET', '/api/ledger')).json.data.length;
    const fields = epay.notificationFields(order?.id as string);
    const replies = await Promise.all(Array.from({ length: 10 }, () => notify(fields)));
    expect(replies.every((reply) => reply === 'success')).toBe(true);
    expect(await subscriptionsOf(dana)).toHaveLength(1);
    expect((await asUser(gateway, dana, 'GET', '/api/ledger')).json.data).toHaveLength(ledgerBefore);
  });

  it('50 concurrent first notifications of an unpaid plan order grant one subscription', async () => {
    const before = await balanceOf(erin);
    const order = await buyPlan(erin);
    await openTrade(order);
    const fields = epay.notificationFields(order.id);
    const replies = await Promise.all(Array.from({ length: 50 }, () => notify(fields)));
    expect(replies.every((reply) => reply === 'success')).toBe(true);
    expect(await subscriptionsOf(erin)).toEqual([expect.objectContaining({ planId, sourceRef: order.id })]);
    expect(await balanceOf(erin)).toBe(before);
    const kinds = (await asUser(gateway, erin, 'GET', '/api/ledger')).json.data.map((e: { kind: string }) => e.kind);
    expect(kinds.sort()).toEqual(['plan', 'topup', 'trial']);
  });

  it('an archived plan cannot be bought', async () => {
    const archived = await asAdmin(gateway, 'PATCH', `/api/admin/plans/${planId}`, { status: 'archived' });
    expect(archived.status).toBe(200);
    const reply = await asUser(gateway, erin, 'POST', '/api/payments/orders', {
      purpose: 'plan',
      method: 'epay',
      planId,
    });
    expect(reply.status).toBe(404);
    expect(reply.json.error.code).toBe('plan_not_found');
    // The subscriptions already paid for stand.
    expect(await subscriptionsOf(dana)).toEqual([expect.objectContaining({ status: 'active' })]);
  });

  it('leaves the ledger consistent with every order and plan window (aihub ledger verify)', async () => {
    await epay.settled();
    const report = await verifyLedger(gateway.app.store);
    expect(report.ok).toBe(true);
  });
});
