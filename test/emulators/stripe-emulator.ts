/**
 * Stripe, as far as AIHub uses it: Checkout Sessions (`POST /v1/checkout/sessions`, form-encoded
 * with brackets, `Authorization: Bearer`, `Idempotency-Key`), `GET /v1/checkout/sessions/{id}`,
 * `GET /v1/charges/{id}`, a hosted payment page `GET /pay/{session}` whose Pay button
 * (`POST /pay/{session}`) completes the session, sends a signed `checkout.session.completed`
 * webhook to the endpoint the test configured (as Stripe's dashboard does) and redirects to the
 * session's `success_url`. `refund()` and `dispute()` send the events those produce. Webhooks are
 * signed as Stripe documents (HMAC-SHA256 of `${t}.${body}`, header `t=…,v1=…`), computed here
 * independently of the provider's code so the round trip tests something.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from './server.js';

export interface StripeEmulatorOptions {
  secretKey?: string;
  webhookSecret?: string;
  /** Where webhooks go (the dashboard's endpoint URL); `setWebhookUrl` changes it later. */
  webhookUrl?: string;
  /** Clock for `created`, `t=` and expiry checks (ms). */
  now?: () => number;
  /** Deliveries per event before giving up, when the endpoint does not answer 2xx (default 3). */
  deliveryAttempts?: number;
}

export interface EmulatedSession {
  id: string;
  object: 'checkout.session';
  url: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  created: number;
  customer_details: { email: string } | null;
  /** Emulator bookkeeping: what the PaymentIntent will carry, the charge once paid. */
  paymentIntentMetadata: Record<string, string>;
  charge?: string;
  form: Record<string, string>;
}

export interface StripeDelivery {
  event: { id: string; type: string };
  status: number | 'error';
  attempts: number;
}

export interface StripeEmulator {
  readonly url: string;
  readonly sessions: Map<string, EmulatedSession>;
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[];
  readonly deliveries: StripeDelivery[];
  readonly secretKey: string;
  readonly webhookSecret: string;
  setWebhookUrl(url: string): void;
  /** Pays a session as the hosted page's button does; `amountTotal` overrides what the event says (a forgery by "Stripe"). */
  pay(sessionId: string, overrides?: { amountTotal?: number; currency?: string }): Promise<StripeDelivery>;
  refund(sessionId: string, amount: number): Promise<{ refundId: string; deliveries: StripeDelivery[] }>;
  dispute(sessionId: string, outcome: 'lost' | 'won'): Promise<{ disputeId: string; deliveries: StripeDelivery[] }>;
  /** An event's body and headers as Stripe would send them, without sending (for replay tests). */
  signedEvent(
    type: string,
    object: Record<string, unknown>,
    options?: { timestamp?: number; secret?: string },
  ): { rawBody: Buffer; headers: Record<string, string>; eventId: string };
  /** Answers the next `times` API calls (not the hosted page) with `status` and Stripe's error envelope. */
  failNext(status: number, times?: number, message?: string): void;
  close(): Promise<void>;
}

export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const secretKey = options.secretKey ?? 'sk_test_emulator';
  const webhookSecret = options.webhookSecret ?? 'whsec_emulator';
  const now = options.now ?? Date.now;
  const attempts = options.deliveryAttempts ?? 3;
  let webhookUrl = options.webhookUrl;
  const sessions = new Map<string, EmulatedSession>();
  const charges = new Map<string, Record<string, unknown>>();
  const idempotency = new Map<string, string>();
  const requests: StripeEmulator['requests'] = [];
  const deliveries: StripeDelivery[] = [];
  let fault: { status: number; left: number; message: string } | undefined;
  let origin = '';

  const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
  const seconds = () => Math.floor(now() / 1000);

  const eventBody = (type: string, object: Record<string, unknown>) => {
    const eventId = newId('evt');
    const body = JSON.stringify({
      id: eventId,
      object: 'event',
      api_version: '2025-03-31.basil',
      created: seconds(),
      type,
      livemode: false,
      pending_webhooks: 1,
      data: { object },
    });
    return { eventId, body };
  };
  const signatureHeader = (body: string, t: number, secret = webhookSecret) =>
    `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

  const signedEvent: StripeEmulator['signedEvent'] = (type, object, signing = {}) => {
    const { eventId, body } = eventBody(type, object);
    return {
      rawBody: Buffer.from(body),
      eventId,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': signatureHeader(body, signing.timestamp ?? seconds(), signing.secret),
      },
    };
  };

  const deliver = async (type: string, object: Record<string, unknown>): Promise<StripeDelivery> => {
    if (!webhookUrl) throw new Error('The Stripe emulator has no webhook URL: call setWebhookUrl first.');
    const { eventId, body } = eventBody(type, object);
    let status: number | 'error' = 'error';
    let made = 0;
    while (made < attempts) {
      made += 1;
      try {
        // Each attempt is signed afresh, as Stripe's retries are: a new `t`, the same event.
        const response = await fetch(webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': signatureHeader(body, seconds()),
          },
          body,
        });
        await response.arrayBuffer();
        status = response.status;
        if (response.ok) break;
      } catch {
        status = 'error';
      }
    }
    const delivery = { event: { id: eventId, type }, status, attempts: made };
    deliveries.push(delivery);
    return delivery;
  };

  const completeSession = async (
    session: EmulatedSession,
    overrides: { amountTotal?: number; currency?: string } = {},
  ) => {
    if (session.status === 'open') {
      session.status = 'complete';
      session.payment_status = 'paid';
      session.payment_intent = newId('pi');
      session.charge = newId('ch');
      session.customer_details = { email: 'payer@example.test' };
      charges.set(session.charge, {
        id: session.charge,
        object: 'charge',
        amount: session.amount_total,
        amount_refunded: 0,
        currency: session.currency,
        payment_intent: session.payment_intent,
        // Stripe copies the PaymentIntent's metadata onto the charge it creates.
        metadata: { ...session.paymentIntentMetadata },
      });
    }
    return deliver('checkout.session.completed', {
      ...publicSession(session),
      amount_total: overrides.amountTotal ?? session.amount_total,
      currency: overrides.currency ?? session.currency,
    });
  };

  const requireCharge = (sessionId: string) => {
    const session = sessions.get(sessionId);
    const charge = session?.charge ? charges.get(session.charge) : undefined;
    if (!session || !charge) throw new Error(`Session ${sessionId} is not paid.`);
    return { session, charge };
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string, body: string) => {
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      return stripeError(
        res,
        401,
        'invalid_request_error',
        `Invalid API Key provided: ${mask(req.headers.authorization)}`,
      );
    }
    if (fault && fault.left > 0) {
      fault.left -= 1;
      return stripeError(res, fault.status, fault.status >= 500 ? 'api_error' : 'invalid_request_error', fault.message);
    }
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
        return stripeError(res, 400, 'invalid_request_error', 'Stripe expects a form-encoded body.');
      }
      const key = req.headers['idempotency-key'];
      const again = typeof key === 'string' ? idempotency.get(key) : undefined;
      if (again) return json(res, 200, publicSession(sessions.get(again) as EmulatedSession));
      const form = Object.fromEntries(new URLSearchParams(body));
      const problem = checkSessionForm(form, seconds());
      if (problem) return stripeError(res, 400, 'invalid_request_error', problem);
      const id = newId('cs');
      const session: EmulatedSession = {
        id,
        object: 'checkout.session',
        url: `${origin}/pay/${id}`,
        status: 'open',
        payment_status: 'unpaid',
        amount_total: Number(form['line_items[0][price_data][unit_amount]']) * Number(form['line_items[0][quantity]']),
        currency: form['line_items[0][price_data][currency]'] as string,
        client_reference_id: form.client_reference_id ?? null,
        metadata: prefixed(form, 'metadata'),
        payment_intent: null,
        success_url: form.success_url as string,
        cancel_url: form.cancel_url ?? (form.success_url as string),
        expires_at: Number(form.expires_at ?? seconds() + 24 * 3600),
        created: seconds(),
        customer_details: null,
        paymentIntentMetadata: prefixed(form, 'payment_intent_data[metadata]'),
        form,
      };
      sessions.set(id, session);
      if (typeof key === 'string') idempotency.set(key, id);
      return json(res, 200, publicSession(session));
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && sessionMatch) {
      const session = sessions.get(decodeURIComponent(sessionMatch[1] as string));
      if (!session)
        return stripeError(
          res,
          404,
          'invalid_request_error',
          `No such checkout.session: '${sessionMatch[1]}'`,
          'resource_missing',
        );
      if (session.status === 'open' && session.expires_at <= seconds()) session.status = 'expired';
      return json(res, 200, publicSession(session));
    }
    const chargeMatch = /^\/v1\/charges\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && chargeMatch) {
      const charge = charges.get(decodeURIComponent(chargeMatch[1] as string));
      if (!charge)
        return stripeError(
          res,
          404,
          'invalid_request_error',
          `No such charge: '${chargeMatch[1]}'`,
          'resource_missing',
        );
      return json(res, 200, charge);
    }
    return stripeError(res, 404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${path}).`);
  };

  const handlePage = async (req: IncomingMessage, res: ServerResponse, sessionId: string) => {
    const session = sessions.get(sessionId);
    if (!session) return text(res, 404, 'No such checkout session.');
    if (req.method === 'GET') {
      const amount = `${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}`;
      const name = escapeHtml(session.form['line_items[0][price_data][product_data][name]'] ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html><head><title>Stripe Checkout (emulator)</title></head><body>` +
          `<h1>${name}</h1><p data-testid="amount">${amount}</p>` +
          `<form method="post" action="/pay/${session.id}"><button type="submit" id="pay">Pay ${amount}</button></form>` +
          `<p><a id="cancel" href="${escapeHtml(session.cancel_url)}">Cancel</a></p></body></html>`,
      );
      return;
    }
    await completeSession(session);
    res.writeHead(303, { location: session.success_url });
    res.end();
  };

  const listening = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] as string;
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
      const page = /^\/pay\/([^/]+)$/.exec(path);
      const handled = page
        ? handlePage(req, res, decodeURIComponent(page[1] as string))
        : handleApi(req, res, path, body);
      handled.catch((error: unknown) => {
        if (!res.headersSent) stripeError(res, 500, 'api_error', String(error));
      });
    });
  });
  origin = `http://127.0.0.1:${listening.port}`;

  return {
    url: origin,
    sessions,
    requests,
    deliveries,
    secretKey,
    webhookSecret,
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    async pay(sessionId, overrides) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`No session ${sessionId}.`);
      return completeSession(session, overrides);
    },
    async refund(sessionId, amount) {
      const { session, charge } = requireCharge(sessionId);
      const refundId = newId('re');
      charge.amount_refunded = Number(charge.amount_refunded) + amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      const refund = {
        id: refundId,
        object: 'refund',
        amount,
        currency: session.currency,
        status: 'succeeded',
        charge: charge.id,
        payment_intent: session.payment_intent,
        metadata: {},
        created: seconds(),
      };
      // What a card refund produces on current API versions: the charge event, then the refund's.
      const out = [await deliver('charge.refunded', { ...charge }), await deliver('refund.created', refund)];
      return { refundId, deliveries: out };
    },
    async dispute(sessionId, outcome) {
      const { session, charge } = requireCharge(sessionId);
      const disputeId = newId('dp');
      const dispute = (status: string) => ({
        id: disputeId,
        object: 'dispute',
        amount: session.amount_total,
        currency: session.currency,
        charge: charge.id,
        payment_intent: session.payment_intent,
        metadata: {},
        reason: 'fraudulent',
        status,
        created: seconds(),
      });
      const out = [
        await deliver('charge.dispute.created', dispute('needs_response')),
        await deliver('charge.dispute.closed', dispute(outcome)),
      ];
      return { disputeId, deliveries: out };
    },
    signedEvent,
    failNext(status, times = 1, message = 'Emulated Stripe failure.') {
      fault = { status, left: times, message };
    },
    close: () => listening.close(),
  };
}

/** The session as Stripe's API shows it (without the emulator's bookkeeping). */
function publicSession(session: EmulatedSession): Record<string, unknown> {
  const { paymentIntentMetadata: _pim, charge: _charge, form: _form, ...visible } = session;
  return visible;
}

/** What Stripe itself would refuse in a session request AIHub makes. */
function checkSessionForm(form: Record<string, string>, nowSeconds: number): string | undefined {
  if (form.mode !== 'payment') return 'Missing required param: mode.';
  if (!form.success_url) return 'Missing required param: success_url.';
  const amount = form['line_items[0][price_data][unit_amount]'];
  if (!amount || !/^\d+$/.test(amount)) return 'Invalid integer: line_items[0][price_data][unit_amount].';
  if (form['line_items[0][quantity]'] !== '1') return 'Missing required param: line_items[0][quantity].';
  const currency = form['line_items[0][price_data][currency]'];
  if (!currency || currency !== currency.toLowerCase()) return 'Invalid currency: line_items[0][price_data][currency].';
  if (!form['line_items[0][price_data][product_data][name]']) {
    return 'Missing required param: line_items[0][price_data][product_data][name].';
  }
  if (form.expires_at !== undefined) {
    const expiresAt = Number(form.expires_at);
    if (expiresAt < nowSeconds + 30 * 60 || expiresAt > nowSeconds + 24 * 3600) {
      return 'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.';
    }
  }
  return undefined;
}

function prefixed(form: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const match = key.startsWith(`${prefix}[`) ? /^\[([^\]]+)\]$/.exec(key.slice(prefix.length)) : null;
    if (match) out[match[1] as string] = value;
  }
  return out;
}

function stripeError(res: ServerResponse, status: number, type: string, message: string, code?: string): void {
  json(res, status, { error: { type, message, ...(code ? { code } : {}) } });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
  res.end(JSON.stringify(body));
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function mask(header: string | undefined): string {
  const key = header?.replace(/^Bearer /, '') ?? '';
  return key.length > 8 ? `${key.slice(0, 7)}…${key.slice(-4)}` : '(none)';
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
