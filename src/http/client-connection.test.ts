import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientConnection } from '../relay/client-connection.js';
import { nodeClientConnection } from './client-connection.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves one request through a ClientConnection and returns what a client receives. */
async function serve(answer: (client: ClientConnection) => Promise<void> | void) {
  server = createServer((_request, res) => void answer(nodeClientConnection(res, 'req-1')));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('nodeClientConnection', () => {
  it('percent-encodes a header value Node would refuse instead of throwing (JSON)', async () => {
    const reply = await serve((client) => client.sendJson(200, { 'x-odd': '备注\r\nset-cookie: a=1' }, { ok: true }));
    expect(reply.status).toBe(200);
    expect(decodeURIComponent(reply.headers.get('x-odd') ?? '')).toBe('备注\r\nset-cookie: a=1');
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(JSON.parse(reply.text)).toEqual({ ok: true });
  });

  it('percent-encodes a header value Node would refuse instead of throwing (stream)', async () => {
    const reply = await serve(async (client) => {
      client.startStream({ 'x-odd': '🙂' });
      await client.write('data: [DONE]\n\n');
      client.end();
    });
    expect(decodeURIComponent(reply.headers.get('x-odd') ?? '')).toBe('🙂');
    expect(reply.text).toBe('data: [DONE]\n\n');
  });

  it('leaves accepted values alone', async () => {
    const reply = await serve((client) => client.sendJson(200, { 'x-plain': 'gpt-4o, café' }, {}));
    expect(Buffer.from(reply.headers.get('x-plain') ?? '', 'latin1').toString()).toBe('gpt-4o, café');
  });
});
