import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import type { HttpRequestSpec } from '../providers/provider.js';
import { readBodyText, sendUpstream } from './http-client.js';

let upstream: Server;
let proxy: Server;
const tunnels: string[] = [];
const port = (server: Server) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    res.end(`hello ${req.url}`);
  });
  // An HTTP CONNECT proxy, as corporate proxies and tools like squid speak it.
  proxy = createServer();
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, targetPort] = (req.url ?? '').split(':');
    const server = connect(Number(targetPort), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      server.write(head);
      server.pipe(client);
      client.pipe(server);
    });
    server.on('error', () => client.destroy());
    client.on('error', () => server.destroy());
  });
  await Promise.all(
    [upstream, proxy].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))),
  );
});
afterAll(() => {
  upstream.closeAllConnections();
  proxy.closeAllConnections();
  upstream.close();
  proxy.close();
});

const post = (path: string, origin = `http://127.0.0.1:${port(upstream)}`): HttpRequestSpec => ({
  url: `${origin}${path}`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{}',
});
const timeouts = { connectMs: 1_000, headersMs: 5_000, idleMs: 5_000 };

describe('sendUpstream', () => {
  it('goes through the channel’s HTTP proxy when it has one', async () => {
    const response = await sendUpstream(
      post('/via-proxy'),
      new AbortController().signal,
      timeouts,
      `http://127.0.0.1:${port(proxy)}`,
    );
    expect(await readBodyText(response.body)).toBe('hello /via-proxy');
    expect(tunnels).toEqual([`127.0.0.1:${port(upstream)}`]);
  });

  it('goes direct without one', async () => {
    const response = await sendUpstream(post('/direct'), new AbortController().signal, timeouts);
    expect(await readBodyText(response.body)).toBe('hello /direct');
    expect(tunnels).toHaveLength(1);
  });

  it('surfaces a deadline’s GatewayError as the failure, not as a cancellation', async () => {
    const controller = new AbortController();
    const timeout = new GatewayError({ kind: 'upstream_timeout', message: 'total', code: 'upstream_total_timeout' });
    setTimeout(() => controller.abort(timeout), 50);
    await expect(sendUpstream(post('/hang'), controller.signal, timeouts)).rejects.toBe(timeout);
  });

  it('maps a refused connection to a retryable connection error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${port(closed)}`;
    await new Promise((resolve) => closed.close(resolve));
    const failure = sendUpstream(post('/', origin), new AbortController().signal, timeouts);
    await expect(failure).rejects.toMatchObject({ code: 'upstream_connection_error', retryable: true });
  });
});
