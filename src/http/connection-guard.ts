import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ipLimitKey } from '../limits/ip-key.js';

export interface ConnectionGuardOptions {
  /**
   * Longest silence from a client that owes us bytes: while it sends a request's headers or
   * body, and on a new connection before its first request (between kept-alive requests, the
   * server's keep-alive timeout applies instead). A request whose body keeps arriving, however
   * slowly overall, is never cut; a response in progress is never cut for being quiet, only for
   * a client that stopped reading it.
   */
  idleTimeoutMs: number;
  /** Longest time from the first byte of a request to the end of its headers (slow-header drips). */
  headersTimeoutMs: number;
  /** Open connections per client address (IPv6 counted per /64); 0 = no cap. */
  maxConnectionsPerAddress: number;
  /** Trusted reverse proxies: their connections carry many clients and are not capped. */
  isTrustedProxy: (address: string) => boolean;
  /** Told about each refused connection (for a log line or a metric). */
  onRefused?: (address: string) => void;
}

export interface ConnectionGuard {
  /** Open connections counted for an address (as given, or its /64 for IPv6). */
  openConnections(address: string): number;
}

interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
}

/** How long a refused connection may linger to read its 429 before it is destroyed. */
const REFUSED_LINGER_MS = 2_000;

const TOO_MANY_CONNECTIONS = (() => {
  const body = JSON.stringify({
    error: {
      message: 'Too many open connections from your address. Reuse connections, or close some and try again.',
      type: 'rate_limit_error',
      param: null,
      code: 'too_many_connections',
    },
  });
  return (
    'HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\nretry-after: 1\r\nconnection: close\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
})();

/**
 * Keeps one client from holding the server: bounds how long a silent client keeps a socket and
 * how many sockets one address holds. Node's own `requestTimeout` would also cut a large body
 * that is still arriving, and its socket timeout would cut a quiet LLM stream; this guard tells
 * those apart. Attach it before the server listens.
 */
export function guardConnections(server: Server, options: ConnectionGuardOptions): ConnectionGuard {
  server.headersTimeout = options.headersTimeoutMs;
  // Node checks the headers deadline on an interval (30 s by default): check often enough that
  // the deadline holds to within a quarter of itself.
  // (A property Node reads when the server starts listening; @types/node does not declare it.)
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    30_000,
    Math.max(50, Math.floor(options.headersTimeoutMs / 4)),
  );
  // Every socket times out after this much silence (re-armed by any byte in or out); the
  // 'timeout' listener below decides what a timeout means. With a listener, Node no longer
  // destroys timed-out sockets itself (keep-alive expiry included), so the listener must.
  server.timeout = options.idleTimeoutMs;
  const exchanges = new WeakMap<Socket, Exchange>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    exchanges.set(request.socket, { request, response });
  });
  server.on('timeout', (socket: Socket) => {
    const exchange = exchanges.get(socket);
    if (exchange && isQuietAnswer(exchange, socket)) return;
    socket.destroy();
  });

  const open = new Map<string, number>();
  if (options.maxConnectionsPerAddress > 0) {
    gateConnections(server, (socket) => {
      const address = socket.remoteAddress;
      if (!address) return false;
      if (options.isTrustedProxy(address)) return true;
      const key = ipLimitKey(address);
      const count = open.get(key) ?? 0;
      if (count >= options.maxConnectionsPerAddress) {
        options.onRefused?.(address);
        return false;
      }
      open.set(key, count + 1);
      socket.once('close', () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      });
      return true;
    });
  }
  return { openConnections: (address) => open.get(ipLimitKey(address)) ?? 0 };
}

/**
 * The request has fully arrived and its answer is being produced or sent, with nothing waiting
 * for the client to read: an LLM thinking or a quiet stream. Response time is not request time.
 * A client that stopped reading (bytes waiting in the socket) is not quiet: it is gone or hostile.
 */
function isQuietAnswer({ request, response }: Exchange, socket: Socket): boolean {
  return request.complete && !response.writableFinished && socket.writableLength === 0;
}

/**
 * Puts `admit` in front of the server's own connection handling (Node's HTTP parser is attached
 * by a 'connection' listener): a refused socket never gets a parser, so nothing it sends is
 * parsed or routed. It is answered with a 429 and closed.
 */
function gateConnections(server: Server, admit: (socket: Socket) => boolean): void {
  const handlers = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    if (admit(socket)) {
      for (const handler of handlers) handler.call(server, socket);
      return;
    }
    refuse(socket);
  });
}

function refuse(socket: Socket): void {
  socket.on('error', () => {});
  const linger = setTimeout(() => socket.destroy(), REFUSED_LINGER_MS);
  linger.unref();
  socket.once('close', () => clearTimeout(linger));
  // Read and drop what the client sends, so closing does not reset the connection before the 429 is read.
  socket.resume();
  socket.end(TOO_MANY_CONNECTIONS);
}
