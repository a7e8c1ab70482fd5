import { createServer, get, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { abortedWhenClientLeaves, drainedOrClosed } from './response-flow.js';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/**
 * Serves one request, handing its response to `take`. The client reads what comes, or with
 * `leaveEarly` hangs up as soon as the answer's headers arrive.
 */
async function oneResponse(take: (res: ServerResponse) => void, leaveEarly = false): Promise<void> {
  server = createServer((_request, res) => take(res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const request = get({ host: '127.0.0.1', port, agent: false }, (response) => {
    if (leaveEarly) request.destroy();
    else response.resume();
  });
  request.on('error', () => {});
}

describe('abortedWhenClientLeaves', () => {
  it('aborts when the client goes away before the answer ended', async () => {
    let signal: AbortSignal | undefined;
    const aborted = new Promise<void>((resolve) => {
      void oneResponse((res) => {
        signal = abortedWhenClientLeaves(res);
        signal.addEventListener('abort', () => resolve());
        res.writeHead(200).write('partial');
      }, true);
    });
    await aborted;
    expect(signal?.aborted).toBe(true);
  });

  it('stays quiet for an answer that finished', async () => {
    let signal: AbortSignal | undefined;
    const closed = new Promise<void>((resolve) => {
      void oneResponse((res) => {
        signal = abortedWhenClientLeaves(res);
        res.on('close', () => resolve());
        res.end('whole');
      });
    });
    await closed;
    expect(signal?.aborted).toBe(false);
  });
});

describe('drainedOrClosed', () => {
  it('resolves once a full buffer drained, and stops listening', async () => {
    const drained = new Promise<number>((resolve) => {
      void oneResponse((res) => {
        res.writeHead(200);
        expect(res.write(Buffer.alloc(1 << 20))).toBe(false);
        void drainedOrClosed(res).then(() => {
          resolve(res.listenerCount('drain'));
          res.end();
        });
      });
    });
    expect(await drained).toBe(0);
  });

  it('resolves when the response closes instead (a gone client never drains)', async () => {
    const closed = new Promise<boolean>((resolve) => {
      void oneResponse((res) => {
        res.writeHead(200);
        res.write(Buffer.alloc(1 << 20));
        void drainedOrClosed(res).then(() => resolve(res.destroyed));
        res.destroy();
      });
    });
    expect(await closed).toBe(true);
  });
});
