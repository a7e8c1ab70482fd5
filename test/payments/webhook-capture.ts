/**
 * A webhook endpoint that only records: what a provider delivered (the exact bytes and headers),
 * answered 200 so the provider stops, for a test to deliver to the real server later: a replay,
 * or a payment event that arrives after its refund.
 */
import { listen } from '../emulators/server.js';

export interface CapturedDelivery {
  rawBody: Buffer;
  headers: Record<string, string>;
}

export interface WebhookCapture {
  url: string;
  deliveries: CapturedDelivery[];
  close(): Promise<void>;
}

export async function startWebhookCapture(): Promise<WebhookCapture> {
  const deliveries: CapturedDelivery[] = [];
  const listening = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && (name === 'content-type' || name.startsWith('stripe-'))) headers[name] = value;
      }
      deliveries.push({ rawBody: Buffer.concat(chunks), headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
  });
  return { url: `http://127.0.0.1:${listening.port}/webhook`, deliveries, close: () => listening.close() };
}
