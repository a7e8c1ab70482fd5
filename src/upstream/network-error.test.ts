import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { networkError, sendUpstream } from './http-client.js';
import { isUpstreamFault } from './upstream-fault.js';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('networkError: only the upstream’s network failures are the upstream’s fault', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED'), 'upstream_connection_error'],
    ['a reset', withCode('ECONNRESET'), 'upstream_connection_error'],
    ['an unknown host', withCode('ENOTFOUND'), 'upstream_connection_error'],
    ['undici’s socket error', new errors.SocketError('other side closed'), 'upstream_connection_error'],
    ['a headers timeout', new errors.HeadersTimeoutError(), 'upstream_timeout'],
    ['an idle body', new errors.BodyTimeoutError(), 'upstream_idle_timeout'],
    ['a connect timeout', new errors.ConnectTimeoutError(), 'upstream_connect_timeout'],
    ['oversized response headers', new errors.HeadersOverflowError(), 'upstream_connection_error'],
    ['a malformed HTTP answer', withCode('HPE_INVALID_CONSTANT'), 'upstream_connection_error'],
    ['an expired certificate', withCode('CERT_HAS_EXPIRED'), 'upstream_connection_error'],
    [
      'a proxy that refused the tunnel',
      new errors.RequestAbortedError('Proxy response (407) !== 200'),
      'upstream_connection_error',
    ],
    [
      'both address families refused',
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'refused'),
      'upstream_connection_error',
    ],
  ])('%s is a retryable upstream failure, marked as such', (_label, thrown, code) => {
    const error = networkError(thrown);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(true);
    expect(isUpstreamFault(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a header value Node refuses', withCode('ERR_INVALID_CHAR', 'Invalid character in header content')],
    ['undici refusing AIHub’s arguments', new errors.InvalidArgumentError('invalid header')],
    ['a closed agent (shutting down)', new errors.ClientDestroyedError()],
    ['a thrown string', 'boom'],
  ])('%s is AIHub’s own: internal, not retryable, never the upstream’s fault', (_label, thrown) => {
    const error = networkError(thrown);
    expect(error.kind).toBe('internal');
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(false);
    expect(isUpstreamFault(error)).toBe(false);
  });

  it('a cancelled call is the client’s doing, nobody’s fault', () => {
    const error = networkError(new DOMException('aborted', 'AbortError'), { aborted: true });
    expect(error.code).toBe('client_closed');
    expect(isUpstreamFault(error)).toBe(false);
  });

  it('returns a GatewayError as it is', () => {
    const own = new GatewayError({ kind: 'invalid_request', message: 'bad' });
    expect(networkError(own)).toBe(own);
  });

  it('marks a real refused connection as the upstream’s fault', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await sendUpstream(
      { url: `http://127.0.0.1:${port}/`, method: 'POST', headers: {}, body: '{}' },
      new AbortController().signal,
    ).catch((error: unknown) => error);
    expect(isUpstreamFault(failure)).toBe(true);
    expect((failure as GatewayError).code).toBe('upstream_connection_error');
  });
});
