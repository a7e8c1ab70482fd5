import type { Socket } from 'node:net';
import { GatewayError } from '../ir/index.js';
import type { Surface } from '../surfaces/surface.js';
import { acceptedHeaders } from './accepted-headers.js';
import { errorHeaders } from './error-response.js';

/**
 * Answers what Node's HTTP parser refuses before any route or hook runs (headers past its size
 * limit, a malformed request line) in the caller's error envelope with a request id, like every
 * other error: Fastify's default writes a shape of its own that no vendor SDK parses. The path,
 * when the refused bytes still hold the request line, picks the surface's envelope.
 */
export function clientErrorResponder(options: {
  nextRequestId: () => string;
  surfaceForPath: (url: string) => Surface;
}): (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => void {
  return (error, socket) => {
    // A reset socket (or one already gone) has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
    const refusal = refusalFor(error.code);
    const requestId = options.nextRequestId();
    const envelope = options.surfaceForPath(requestPath(error.rawPacket)).encodeError(refusal, requestId);
    const body = JSON.stringify(envelope.body);
    const headers = acceptedHeaders({
      ...errorHeaders(refusal, requestId),
      ...envelope.headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    });
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(
      `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status] ?? 'Bad Request'}\r\n${head.join('')}\r\n${body}`,
    );
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

function refusalFor(code: string | undefined): GatewayError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError({
        kind: 'invalid_request',
        status: 431,
        message: 'The request headers are larger than the server accepts (16 KB in all).',
        code: 'request_headers_too_large',
      });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError({
        kind: 'invalid_request',
        status: 408,
        message: 'The request took too long to arrive.',
        code: 'request_timeout',
      });
    default:
      return new GatewayError({
        kind: 'invalid_request',
        message: 'The request is not valid HTTP.',
        code: 'invalid_http',
      });
  }
}

/**
 * The path of the request line at the start of the refused bytes, or `/` when they do not hold
 * one. Only its start is read (an over-long URL is cut): the prefix is all the envelope needs.
 */
export function requestPath(rawPacket: unknown): string {
  if (!Buffer.isBuffer(rawPacket)) return '/';
  const line = /^[A-Z]+ (\/\S*)/.exec(rawPacket.subarray(0, 8_192).toString('latin1'));
  return line ? line[1] : '/';
}
