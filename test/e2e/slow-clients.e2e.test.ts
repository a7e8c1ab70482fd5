/**
 * Slow and silent clients against the real gateway. Before, request timeouts were off: a client
 * that sent headers and never finished its body held its socket for ever, and about 20,000 of
 * them, unauthenticated, refused service to everyone. Now silence is bounded (test-shortened
 * here), a body that keeps arriving is never cut, quiet answers are never cut, and one address
 * holds a bounded number of connections.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, postJson, startGateway } from './gateway-harness.js';

const HEADERS_MS = 1_500;
const PER_ADDRESS = 20;
const FLOOD_ADDRESSES = 200;
const FLOOD_PER_ADDRESS = 10;

let gateway: Gateway;
let port: number;

/** A gateway with test-shortened limits for the tests of one `describe`. */
function withGateway(idleMs: number, headersMs = HEADERS_MS): void {
  beforeAll(async () => {
    gateway = await startGateway({
      AIHUB_CLIENT_IDLE_TIMEOUT_MS: String(idleMs),
      AIHUB_HEADERS_TIMEOUT_MS: String(headersMs),
      AIHUB_MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS),
    });
    port = Number(new URL(gateway.origin).port);
  });
  afterAll(() => gateway?.close());
}

interface RawConnection {
  socket: Socket;
  /** Whether the server has closed it (we never close it ourselves before the end of a test). */
  closedByServer: () => boolean;
  /** Everything received, once the server closed it. */
  closed: Promise<string>;
}

function openRaw(localAddress: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    let received = '';
    let closed = false;
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    const closedPromise = new Promise<string>((done) => {
      socket.on('close', () => {
        closed = true;
        done(received);
      });
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    socket.once('connect', () => {
      socket.on('error', () => {});
      resolve({ socket, closedByServer: () => closed, closed: closedPromise });
    });
    socket.once('error', reject);
  });
}

function chatHead(contentLength: number): string {
  return (
    'POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\nconnection: close\r\n' +
    `authorization: Bearer ${ADMIN_KEY}\r\ncontent-type: application/json\r\ncontent-length: ${contentLength}\r\n\r\n`
  );
}

const ask = (text: string) => ({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: text }] });

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when every connection is closed, or after `ms`; returns how many are still open. */
async function stillOpenAfter(connections: RawConnection[], ms: number): Promise<number> {
  await Promise.race([Promise.all(connections.map((connection) => connection.closed)), sleep(ms)]);
  return connections.filter((connection) => !connection.closedByServer()).length;
}

describe('a slow-body flood', () => {
  // Long enough for the whole flood to be open at once on a slow machine.
  const IDLE_MS = 10_000;
  withGateway(IDLE_MS, IDLE_MS);

  it('a slow-body flood of 2,000 sockets from 200 other addresses: others are served, and every silent socket is closed', async () => {
    const flood: RawConnection[] = [];
    const startedAt = Date.now();
    for (let round = 0; round < FLOOD_PER_ADDRESS; round++) {
      const batch = await Promise.all(
        Array.from({ length: FLOOD_ADDRESSES }, (_, address) => openRaw(`127.0.2.${1 + address}`)),
      );
      for (const connection of batch) {
        // Three kinds of silence: mid-body, mid-headers, and nothing at all.
        if (round % 3 === 0) connection.socket.write(`${chatHead(100_000)}{"model": "gpt-4.1-mini", "mess`);
        else if (round % 3 === 1) connection.socket.write('POST /v1/chat/completions HTTP/1.1\r\nhost: gateway\r\n');
      }
      flood.push(...batch);
    }
    console.log(`flood of ${flood.length} sockets opened in ${Date.now() - startedAt} ms`);
    expect(flood.length).toBe(FLOOD_ADDRESSES * FLOOD_PER_ADDRESS);

    // A normal client keeps getting answers while the flood holds its sockets.
    for (let i = 0; i < 10; i++) {
      const answer = await postJson(gateway, '/v1/chat/completions', ask(`still there ${i}`));
      expect(answer.status).toBe(200);
    }
    const openWhileServed = flood.filter((connection) => !connection.closedByServer()).length;
    expect(openWhileServed).toBe(flood.length);

    // The silent sockets are closed by the server after the idle timeout; nothing was routed.
    expect(await stillOpenAfter(flood, IDLE_MS * 3)).toBe(0);
    const answered = (await Promise.all(flood.map((connection) => connection.closed))).filter((text) =>
      text.startsWith('HTTP/1.1 2'),
    );
    expect(answered).toEqual([]);
    expect((await postJson(gateway, '/v1/chat/completions', ask('after the flood'))).status).toBe(200);
  }, 120_000);
});

describe('slow and silent clients cannot hold the server', () => {
  const IDLE_MS = 1_500;
  withGateway(IDLE_MS);

  it('a body that trickles in steadily, for far longer than the idle timeout in all, still succeeds', async () => {
    const body = Buffer.from(JSON.stringify(ask('slowly but surely')));
    const connection = await openRaw('127.0.1.1');
    connection.socket.write(chatHead(body.length));
    const pieces = 8;
    const size = Math.ceil(body.length / pieces);
    for (let offset = 0; offset < body.length; offset += size) {
      await sleep(IDLE_MS / 3);
      connection.socket.write(body.subarray(offset, offset + size));
    }
    const response = await connection.closed;
    expect(response).toMatch(/^HTTP\/1.1 200 /);
    expect(response).toContain('slowly but surely');
  });

  it('a silent body is cut after the idle timeout, and nothing reaches the upstream', async () => {
    const before = gateway.openai.requestCount;
    const connection = await openRaw('127.0.1.2');
    connection.socket.write(`${chatHead(500)}{"model": "gpt-4.1-mini"`);
    expect(await stillOpenAfter([connection], IDLE_MS * 10)).toBe(0);
    expect(gateway.openai.requestCount).toBe(before);
  });

  it('headers dripped a byte at a time are cut at the headers timeout, silence or not', async () => {
    const connection = await openRaw('127.0.1.3');
    const head = `GET /health HTTP/1.1\r\nhost: gateway\r\nx-drip: ${'a'.repeat(200)}`;
    for (const byte of head) {
      if (connection.closedByServer()) break;
      connection.socket.write(byte);
      // Never silent for long: only the headers deadline can cut this.
      await sleep(HEADERS_MS / 5);
    }
    expect(connection.closedByServer()).toBe(true);
    expect(await connection.closed).not.toMatch(/^HTTP\/1.1 200/);
  }, 60_000);

  it('quiet answers are not cut: a slow first byte and a stream silent between chunks, past the idle timeout', async () => {
    gateway.openai.enqueue({ headersDelayMs: IDLE_MS * 2 });
    const slowStart = await postJson(gateway, '/v1/chat/completions', ask('take your time'));
    expect(slowStart.status).toBe(200);
    expect(slowStart.json().choices[0].message.content).toContain('take your time');

    gateway.openai.enqueue({ chunkCount: 1, chunkDelayMs: IDLE_MS * 1.2 });
    const stream = await postJson(gateway, '/v1/chat/completions', { ...ask('quiet stream'), stream: true });
    expect(stream.status).toBe(200);
    expect(stream.text).toContain('quiet stream');
    expect(stream.text).toContain('data: [DONE]');
  }, 60_000);

  it('one address holds at most the per-address cap; the excess is refused with a 429; a closed one frees its slot', async () => {
    const address = '127.0.1.4';
    const held = await Promise.all(Array.from({ length: PER_ADDRESS }, () => openRaw(address)));
    const excess = await Promise.all(Array.from({ length: 5 }, () => openRaw(address)));
    for (const connection of excess) connection.socket.write(`${chatHead(2)}{}`);
    for (const response of await Promise.all(excess.map((connection) => connection.closed))) {
      expect(response).toMatch(/^HTTP\/1.1 429 /);
      expect(response).toContain('"code":"too_many_connections"');
    }
    expect(held.filter((connection) => connection.closedByServer())).toEqual([]);

    held[0]?.socket.destroy();
    await held[0]?.closed;
    await sleep(50);
    const next = await openRaw(address);
    const body = JSON.stringify(ask('my turn'));
    next.socket.write(`${chatHead(Buffer.byteLength(body))}${body}`);
    expect(await next.closed).toMatch(/^HTTP\/1.1 200 /);
    for (const connection of held) connection.socket.destroy();
  });
});
