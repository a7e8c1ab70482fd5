import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from './server.js';
import { type StripeEmulator, startStripeEmulator } from './stripe-emulator.js';

const form = (fields: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString();

const sessionFields = (overrides: Record<string, string | number> = {}) => ({
  mode: 'payment',
  'line_items[0][quantity]': 1,
  'line_items[0][price_data][currency]': 'usd',
  'line_items[0][price_data][unit_amount]': 500,
  'line_items[0][price_data][product_data][name]': 'Credit',
  'metadata[order_id]': 'ord_1',
  'payment_intent_data[metadata][order_id]': 'ord_1',
  success_url: 'https://shop.example/back',
  expires_at: Math.floor(Date.now() / 1000) + 3600,
  ...overrides,
});

describe('Stripe emulator', () => {
  let stripe: StripeEmulator;
  const received: { body: string; signature: string }[] = [];
  let failFirst = 0;
  let receiver: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    stripe = await startStripeEmulator();
    receiver = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString(), signature: String(req.headers['stripe-signature']) });
        res.writeHead(failFirst-- > 0 ? 500 : 200);
        res.end();
      });
    });
    stripe.setWebhookUrl(`http://127.0.0.1:${receiver.port}/hook`);
  });
  afterAll(async () => {
    await stripe.close();
    await receiver.close();
  });

  type Session = { id: string; [field: string]: unknown };
  const create = (fields: Record<string, string | number>, headers: Record<string, string> = {}) =>
    fetch(`${stripe.url}/v1/checkout/sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${stripe.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      body: form(fields),
    });

  it('refuses a wrong key and what Stripe refuses (expires_at outside 30 min – 24 h, upper-case currency)', async () => {
    const wrongKey = await fetch(`${stripe.url}/v1/checkout/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_wrong_key_1234' },
      body: form(sessionFields()),
    });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const soon = await create(sessionFields({ expires_at: Math.floor(Date.now() / 1000) + 600 }));
    expect(soon.status).toBe(400);
    expect((await create(sessionFields({ 'line_items[0][price_data][currency]': 'USD' }))).status).toBe(400);
  });

  it('answers the same session for the same Idempotency-Key; reads it back', async () => {
    const first = (await (await create(sessionFields(), { 'idempotency-key': 'k1' })).json()) as Session;
    const second = (await (await create(sessionFields(), { 'idempotency-key': 'k1' })).json()) as Session;
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'open', payment_status: 'unpaid', amount_total: 500, currency: 'usd' });
    const read = await fetch(`${stripe.url}/v1/checkout/sessions/${first.id}`, {
      headers: { authorization: `Bearer ${stripe.secretKey}` },
    });
    expect(await read.json()).toMatchObject({ id: first.id, url: `${stripe.url}/pay/${first.id}` });
  });

  it('the Pay button completes the session, signs the webhook as Stripe does, retries until 2xx, redirects', async () => {
    const session = (await (await create(sessionFields())).json()) as Session;
    failFirst = 1;
    received.length = 0;
    const paid = await fetch(`${stripe.url}/pay/${session.id}`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe('https://shop.example/back');
    expect(received).toHaveLength(2);
    const { body, signature } = received[1] as { body: string; signature: string };
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(v1).toBe(createHmac('sha256', stripe.webhookSecret).update(`${t}.${body}`).digest('hex'));
    const event = JSON.parse(body);
    expect(event).toMatchObject({
      type: 'checkout.session.completed',
      data: { object: { id: session.id, payment_status: 'paid', metadata: { order_id: 'ord_1' } } },
    });
    // The charge carries the PaymentIntent's metadata, as Stripe copies it.
    const charge = await fetch(`${stripe.url}/v1/charges/${stripe.sessions.get(session.id)?.charge}`, {
      headers: { authorization: `Bearer ${stripe.secretKey}` },
    });
    expect(await charge.json()).toMatchObject({ metadata: { order_id: 'ord_1' }, amount: 500 });
    expect(stripe.deliveries.at(-1)).toMatchObject({ status: 200, attempts: 2 });
  });

  it('refund and dispute send their events; failNext answers Stripe’s error envelope', async () => {
    const session = (await (await create(sessionFields())).json()) as Session;
    await stripe.pay(session.id);
    received.length = 0;
    await stripe.refund(session.id, 200);
    await stripe.dispute(session.id, 'lost');
    expect(received.map((r) => JSON.parse(r.body).type)).toEqual([
      'charge.refunded',
      'refund.created',
      'charge.dispute.created',
      'charge.dispute.closed',
    ]);
    expect(JSON.parse((received[1] as { body: string }).body).data.object).toMatchObject({
      amount: 200,
      status: 'succeeded',
    });
    stripe.failNext(503, 1, 'down');
    const failed = await create(sessionFields());
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ error: { type: 'api_error', message: 'down' } });
  });
});
