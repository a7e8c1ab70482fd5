/**
 * The provider-facing routes without a database: what the provider is answered when verification
 * fails, when the database fails, and that the exact bytes reach the provider's verifier.
 */
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../../../test/api-harness.js';
import { attemptCounters } from '../../../limits/attempt-counter.js';
import type { IncomingNotification, PaymentProvider } from '../../../payments/payment-types.js';
import { buildOpenApiDocument } from '../openapi.js';
import { registerPaymentNotifyRoutes } from './payment-notify-routes.js';
import type { PaymentRouteServices } from './payment-route-services.js';

const seen: IncomingNotification[] = [];
const provider: PaymentProvider = {
  method: 'epay',
  currency: 'CNY',
  createCheckout: async () => ({ providerRef: 'x' }),
  verifyNotification(notification) {
    seen.push(notification);
    if (notification.query.forged) return { ok: false, reason: 'Bad signature (secret detail).' };
    if (notification.query.throws) throw new Error('unreadable');
    return {
      ok: true,
      notice: { type: 'paid', eventKey: 'e1', orderId: 'ord_1', payAmount: 1, currency: 'CNY', detail: {} },
    };
  },
  reply: (outcome) => ({ status: 200, contentType: 'text/plain', body: outcome === 'ok' ? 'success' : 'fail' }),
  lookup: async () => ({ state: 'unknown', detail: {} }),
};
/** Stripe acknowledges in JSON, not text: the route's documented answer must allow both. */
const jsonReplying: PaymentProvider = {
  ...provider,
  method: 'stripe',
  currency: 'USD',
  reply: (outcome) => ({
    status: outcome === 'ok' ? 200 : 500,
    contentType: 'application/json',
    body: `{"received":${outcome === 'ok'}}`,
  }),
};

const events: Array<{ outcome: string; reason: string }> = [];
const applyNotice = vi.fn();
const counters = attemptCounters();
const services = {
  store: { db: {} },
  orders: {
    applyNotice,
    insertEvent: async (_db: unknown, event: { outcome: string; reason: string }) => {
      events.push(event);
      return true;
    },
    get: async () => undefined,
  },
  providers: {
    provider: (method: string) => (method === 'epay' ? provider : method === 'stripe' ? jsonReplying : undefined),
  },
  settings: { value: { publicBaseUrl: '' } },
  notifyFailures: counters('notify', { points: 60, durationSeconds: 60 }),
  returnVisits: counters('returns', { points: 60, durationSeconds: 60 }),
  logger: pino({ level: 'silent' }),
  jsonMaxDepth: 64,
} as unknown as PaymentRouteServices;

describe('payment notify routes', () => {
  const harness = createApiHarness(headerPrincipals, (api) => registerPaymentNotifyRoutes(api, services));
  afterAll(() => harness.app.close());

  it('hands the exact body bytes and the query to the provider, whatever the content type', async () => {
    applyNotice.mockResolvedValueOnce({ outcome: 'credited', orderId: 'ord_1', reason: 'Credited.' });
    const body = '{"a": 1,  "b":"é"}';
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/payments/epay/notify?x=1&x=2',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toBe('success');
    expect(seen.at(-1)?.rawBody.equals(Buffer.from(body))).toBe(true);
    expect(seen.at(-1)?.query).toEqual({ x: '2' });
  });

  it('answers a failed verification with the retry reply, never the reason, and records it', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/payments/epay/notify?forged=1' });
    expect(response.body).toBe('fail');
    expect(response.body).not.toContain('secret');
    expect(events.at(-1)).toMatchObject({ outcome: 'verify_failed', reason: 'Bad signature (secret detail).' });
    const unreadable = await harness.app.inject({ method: 'GET', url: '/api/payments/epay/notify?throws=1' });
    expect(unreadable.body).toBe('fail');
    expect(events.at(-1)).toMatchObject({ outcome: 'verify_failed', reason: 'The notification could not be read.' });
  });

  it('answers retry when the database fails, so the provider delivers again', async () => {
    applyNotice.mockRejectedValueOnce(new Error('connection lost'));
    const response = await harness.app.inject({ method: 'GET', url: '/api/payments/epay/notify?ok=1' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('fail');
  });

  it('answers 404 for a method that is unknown or not configured, and never needs a session', async () => {
    const response = await harness.app.inject({ method: 'POST', url: '/api/payments/alipay/notify', payload: 'x' });
    expect(response.statusCode).toBe(404);
  });

  it('refuses JSON nested past the bound with a 400 before any verification, and keeps shallow JSON byte for byte', async () => {
    const verifications = applyNotice.mock.calls.length;
    const deep = `${'{"a":'.repeat(65)}1${'}'.repeat(65)}`;
    const refused = await harness.app.inject({
      method: 'POST',
      url: '/api/payments/stripe/notify',
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('json_too_deep');
    expect(applyNotice.mock.calls.length).toBe(verifications);
    const shallow = `${'{"a":'.repeat(64)}1${'}'.repeat(64)}`;
    const kept = await harness.app.inject({
      method: 'POST',
      url: '/api/payments/epay/notify',
      headers: { 'content-type': 'application/json' },
      payload: shallow,
    });
    expect(kept.statusCode).not.toBe(400);
  });

  it('sends a provider’s JSON acknowledgement (Stripe) as it is, within the documented answer', async () => {
    applyNotice.mockResolvedValueOnce({ outcome: 'credited', orderId: 'ord_1', reason: 'Credited.' });
    const ok = await harness.app.inject({ method: 'POST', url: '/api/payments/stripe/notify', payload: '{}' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^application\/json/);
    expect(ok.body).toBe('{"received":true}');
    const forged = await harness.app.inject({ method: 'GET', url: '/api/payments/stripe/notify?forged=1' });
    expect(forged.statusCode).toBe(500);
    expect(forged.body).toBe('{"received":false}');
  });

  it('documents both acknowledgements in the OpenAPI document: text, and Stripe’s JSON', () => {
    const document = buildOpenApiDocument(harness.api.routes, 'test') as {
      paths: Record<string, { post?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    const content = document.paths['/api/payments/{method}/notify']?.post?.responses['200']?.content;
    expect(content).toEqual({
      'text/plain': { schema: expect.objectContaining({ type: 'string' }) },
      'application/json': {
        schema: expect.objectContaining({ type: 'object', properties: { received: { type: 'boolean' } } }),
      },
    });
  });

  it('redirects a return visit to the billing page without applying anything', async () => {
    const calls = applyNotice.mock.calls.length;
    const response = await harness.app.inject({ method: 'GET', url: '/api/payments/epay/return?order=ord_9' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/billing');
    expect(applyNotice.mock.calls.length).toBe(calls);
    expect(events.at(-1)).toMatchObject({ outcome: 'ignored' });
  });
});
