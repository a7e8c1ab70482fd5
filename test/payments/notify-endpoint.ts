/**
 * A stand-in for the generic `/api/payments/:method/notify` route in provider tests: a real HTTP
 * server that hands a provider the exact raw body, headers and query, then does what the route
 * does: verify, complete (when the provider can), apply through the OrderService, reply.
 */
import type { IncomingMessage } from 'node:http';
import type { NoticeResult, OrderService } from '../../src/payments/order-service.js';
import type { IncomingNotification, PaymentProvider } from '../../src/payments/payment-types.js';
import type { Store } from '../../src/store/database.js';
import { listen } from '../emulators/server.js';

export interface NotifyEndpoint {
  url: string;
  results: (NoticeResult | { outcome: 'verify_failed'; reason: string })[];
  close(): Promise<void>;
}

export async function handleNotification(
  provider: PaymentProvider,
  orders: OrderService,
  store: Store,
  notification: IncomingNotification,
  kind: 'notify' | 'webhook',
): Promise<NoticeResult | { outcome: 'verify_failed'; reason: string }> {
  const verified = provider.verifyNotification(notification);
  if (!verified.ok) {
    await orders.insertEvent(store.db, {
      provider: provider.method,
      eventKey: null,
      orderId: null,
      kind,
      outcome: 'verify_failed',
      reason: verified.reason,
      payload: null,
    });
    return { outcome: 'verify_failed', reason: verified.reason };
  }
  const notice = provider.completeNotice ? await provider.completeNotice(verified.notice) : verified.notice;
  return orders.applyNotice(provider.method, notice, { kind });
}

export async function startNotifyEndpoint(
  provider: () => PaymentProvider,
  orders: () => OrderService,
  store: () => Store,
  kind: 'notify' | 'webhook',
): Promise<NotifyEndpoint> {
  const results: NotifyEndpoint['results'] = [];
  const listening = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const notification = toNotification(req, Buffer.concat(chunks));
      try {
        const result = await handleNotification(provider(), orders(), store(), notification, kind);
        results.push(result);
        const reply = provider().reply(result.outcome === 'verify_failed' ? 'retry' : 'ok');
        res.writeHead(result.outcome === 'verify_failed' ? 400 : reply.status, { 'content-type': reply.contentType });
        res.end(result.outcome === 'verify_failed' ? 'refused' : reply.body);
      } catch {
        const reply = provider().reply('retry');
        res.writeHead(reply.status, { 'content-type': reply.contentType });
        res.end(reply.body);
      }
    });
  });
  return { url: `http://127.0.0.1:${listening.port}/notify`, results, close: () => listening.close() };
}

function toNotification(req: IncomingMessage, rawBody: Buffer): IncomingNotification {
  const url = new URL(req.url ?? '/', 'http://local');
  return {
    method: req.method ?? 'POST',
    headers: req.headers,
    rawBody,
    query: Object.fromEntries(url.searchParams),
    remoteAddress: req.socket.remoteAddress,
  };
}
