import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionWaitInterceptor, connectionWaitMs, timedDispatchOptions } from './connection-wait.js';

/** An upstream that answers each request only when the test says so. */
const held: ServerResponse[] = [];
const arrived: Array<() => void> = [];
const server = createServer((_request, response) => {
  held.push(response);
  arrived.shift()?.();
});
const nextArrival = () => new Promise<void>((resolve) => arrived.push(resolve));
let origin: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('connectionWaitMs', () => {
  it('is the time a call spent queued behind a full pool, on a clock the test moves', async () => {
    let clock = 1_000;
    const now = () => clock;
    const pool = new Agent({ connections: 1 }).compose(connectionWaitInterceptor);
    const first = {};
    const second = {};
    try {
      const firstArrived = nextArrival();
      const firstCall = request(`${origin}/first`, { dispatcher: pool, ...timedDispatchOptions(first, now) });
      await firstArrived;
      const secondCall = request(`${origin}/second`, { dispatcher: pool, ...timedDispatchOptions(second, now) });
      // The only connection is busy: the second call waits, and its wait grows with the clock.
      clock += 250;
      expect(connectionWaitMs(first, now)).toBe(0);
      expect(connectionWaitMs(second, now)).toBe(250);
      clock += 250;
      const secondArrived = nextArrival();
      held.shift()?.end('one');
      await (await firstCall).body.text();
      await secondArrived;
      clock += 1_000; // after it got the connection, time no longer counts
      expect(connectionWaitMs(second, now)).toBe(500);
      held.shift()?.end('two');
      expect(await (await secondCall).body.text()).toBe('two');
      expect(connectionWaitMs(first, now)).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('is undefined for a call that was not timed', () => {
    expect(connectionWaitMs({})).toBeUndefined();
  });
});
