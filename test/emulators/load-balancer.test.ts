import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoadBalancer, startLoadBalancer } from './load-balancer.js';

/** A backend that says who it is, with a readiness the test sets. */
async function backend(name: string, ready = true): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    if (request.url === '/readyz') response.writeHead(ready ? 200 : 503).end();
    else response.writeHead(200, { connection: 'close' }).end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A fresh connection each time, as a new client would open. */
function ask(lb: LoadBalancer): Promise<string> {
  return new Promise((resolve, reject) => {
    get(`${lb.origin}/who`, { agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

describe('the test load balancer', () => {
  const open: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const thing of open.splice(0)) await thing.close();
  });

  it('spreads new connections round-robin over the ready backends only', async () => {
    const a = await backend('a');
    const b = await backend('b');
    const draining = await backend('draining', false);
    open.push(a.server, b.server, draining.server);
    const lb = await startLoadBalancer({ backendPorts: [a.port, b.port, draining.port] });
    open.push(lb);
    await lb.waitUntilReady(a.port);
    await lb.waitUntilReady(b.port);

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await ask(lb));
    expect(answers.sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(lb.stats().find((stats) => stats.port === draining.port)).toMatchObject({ ready: false, connections: 0 });
  });

  it('tries the next backend when one refuses before the probe has noticed it is gone', async () => {
    const gone = await backend('gone');
    const b = await backend('b');
    open.push(b.server);
    // One probe at the start, none after: the balancer still believes `gone` ready.
    const lb = await startLoadBalancer({ backendPorts: [gone.port, b.port], probeEveryMs: 60_000 });
    open.push(lb);
    await lb.waitUntilReady(gone.port);
    await lb.waitUntilReady(b.port);
    await new Promise<void>((resolve) => gone.server.close(() => resolve()));

    expect([await ask(lb), await ask(lb)]).toEqual(['b', 'b']);
    expect(lb.stats()).toEqual([
      { port: gone.port, ready: false, connections: 0, refused: 1 },
      { port: b.port, ready: true, connections: 2, refused: 0 },
    ]);
  });
});
