import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectionGuard, type ConnectionGuardOptions, guardConnections } from './connection-guard.js';

const IDLE_MS = 300;

interface Harness {
  server: Server;
  guard: ConnectionGuard;
  port: number;
  /** Lets the handler of `GET /slow` finish its answer. */
  release: () => void;
}

let harness: Harness | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  if (harness) {
    harness.server.closeAllConnections();
    await new Promise((resolve) => harness?.server.close(resolve));
    harness = undefined;
  }
});

/** A plain node:http server behind the guard: `/slow` answers when released, `/echo` reads the body first. */
async function start(options: Partial<ConnectionGuardOptions> = {}): Promise<Harness> {
  let releaseSlow: () => void = () => {};
  const slowAnswer = new Promise<void>((resolve) => {
    releaseSlow = resolve;
  });
  const server = createServer((request, response) => {
    if (request.url === '/slow') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first ');
      void slowAnswer.then(() => response.end('last'));
      return;
    }
    if (request.url === '/big') {
      response.end(Buffer.alloc(32 * 1024 * 1024, 'x'));
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => response.end(`got ${Buffer.concat(chunks).length}`));
  });
  const guard = guardConnections(server, {
    idleTimeoutMs: IDLE_MS,
    headersTimeoutMs: 10_000,
    maxConnectionsPerAddress: 0,
    isTrustedProxy: () => false,
    ...options,
  });
  // Node closes idle kept-alive sockets through the same socket timeout the guard now handles.
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  harness = { server, guard, port: typeof address === 'object' && address ? address.port : 0, release: releaseSlow };
  return harness;
}

function open(port: number, localAddress = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress }, () => resolve(socket));
    socket.on('error', reject);
    sockets.push(socket);
  });
}

/** Everything the server sent until it closed the connection. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('guardConnections: silence', () => {
  it('closes a client that sent headers and part of a body, then went silent', async () => {
    const { port } = await start();
    const socket = await open(port);
    const closed = untilClosed(socket);
    socket.write('POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"partial":');
    expect(await closed).toBe('');
  });

  it('closes a connection that never sends a byte', async () => {
    const { port } = await start();
    expect(await untilClosed(await open(port))).toBe('');
  });

  it('does not cut a body that keeps arriving, however long it takes in all', async () => {
    const { port } = await start();
    const socket = await open(port);
    const closed = untilClosed(socket);
    socket.write('POST /echo HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 12\r\n\r\n');
    // Twelve bytes, one every third of the idle timeout: four idle timeouts in all.
    for (let i = 0; i < 12; i++) {
      await sleep(IDLE_MS / 3);
      socket.write('x');
    }
    expect(await closed).toMatch(/^HTTP\/1.1 200[\s\S]*got 12$/);
  });

  it('does not cut a response that is quiet for longer than the idle timeout', async () => {
    const { port, release } = await start();
    const socket = await open(port);
    const closed = untilClosed(socket);
    socket.write('GET /slow HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    await sleep(IDLE_MS * 4);
    release();
    expect(await closed).toMatch(/first [\s\S]*last/);
  });

  it('closes a client that stopped reading a response (bytes wait in the socket)', async () => {
    const { port, server } = await start();
    const serverSide = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const socket = await open(port);
    socket.on('error', () => {});
    socket.pause();
    socket.write('GET /big HTTP/1.1\r\nhost: x\r\n\r\n');
    const peer = await serverSide;
    await new Promise((resolve) => peer.once('close', resolve));
    expect(socket.bytesRead).toBeLessThan(32 * 1024 * 1024);
  });

  it('still closes a kept-alive connection once idle after its answer (Node no longer does it for us)', async () => {
    const { port } = await start();
    const socket = await open(port);
    const closed = untilClosed(socket);
    socket.write('POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}');
    expect(await closed).toMatch(/got 2$/);
  });
});

describe('guardConnections: connections per address', () => {
  it('refuses connections past the cap with a 429 in the OpenAI envelope, without parsing them', async () => {
    let requests = 0;
    const { port, server, guard } = await start({ maxConnectionsPerAddress: 3, idleTimeoutMs: 10_000 });
    server.on('request', () => {
      requests += 1;
    });
    const admitted = await Promise.all([1, 2, 3].map(() => open(port, '127.0.0.7')));
    await sleep(20);
    expect(guard.openConnections('127.0.0.7')).toBe(3);
    const refused = await open(port, '127.0.0.7');
    const answer = untilClosed(refused);
    refused.write('POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}');
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1.1 429 /);
    expect(text).toContain('retry-after: 1');
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error).toMatchObject({
      type: 'rate_limit_error',
      code: 'too_many_connections',
    });
    expect(requests).toBe(0);

    // Another address is not affected, and closing one connection frees its slot.
    const other = await open(port, '127.0.0.8');
    const otherAnswer = untilClosed(other);
    other.end('POST /echo HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}');
    expect(await otherAnswer).toMatch(/^HTTP\/1.1 200/);
    admitted[0]?.destroy();
    await sleep(20);
    expect(guard.openConnections('127.0.0.7')).toBe(2);
    const again = await open(port, '127.0.0.7');
    const againAnswer = untilClosed(again);
    again.write('POST /echo HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}');
    expect(await againAnswer).toMatch(/^HTTP\/1.1 200/);
  });

  it('does not cap a trusted reverse proxy, whose connections carry many clients', async () => {
    const { port, guard } = await start({
      maxConnectionsPerAddress: 2,
      idleTimeoutMs: 10_000,
      isTrustedProxy: (address) => address === '127.0.0.9',
    });
    const all = await Promise.all([1, 2, 3, 4, 5].map(() => open(port, '127.0.0.9')));
    const answers = all.map((socket) => {
      const answer = untilClosed(socket);
      socket.write('POST /echo HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}');
      return answer;
    });
    for (const answer of await Promise.all(answers)) expect(answer).toMatch(/^HTTP\/1.1 200/);
    expect(guard.openConnections('127.0.0.9')).toBe(0);
  });
});
