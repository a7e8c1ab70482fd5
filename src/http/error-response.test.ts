import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { writeErrorResponse } from './error-response.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('writeErrorResponse', () => {
  it('answers in the envelope even when an error carries a header value Node would refuse', async () => {
    const error = Object.assign(new GatewayError({ kind: 'rate_limit', message: 'slow down' }), {
      headers: { 'retry-after': '2', 'x-note': '备注' },
    });
    server = createServer((_request, res) => writeErrorResponse(res, error, 'req-1'));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(decodeURIComponent(response.headers.get('x-note') ?? '')).toBe('备注');
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('slow down');
  });
});
