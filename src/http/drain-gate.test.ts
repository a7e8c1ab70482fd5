import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { Readiness } from '../platform/readiness.js';
import { DrainGate } from './drain-gate.js';
import { createHttpApp } from './server.js';

describe('DrainGate counts handlers until their promise settles', () => {
  it('is idle at once with nothing running, and after the last handler ends', async () => {
    const gate = new DrainGate();
    await gate.whenIdle();
    let finish: () => void = () => {};
    const running = gate.track(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(gate.inFlight).toBe(1);
    let idle = false;
    const waiting = gate.whenIdle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    finish();
    await running;
    await waiting;
    expect(gate.inFlight).toBe(0);
  });

  it('counts a handler that throws or rejects as done', async () => {
    const gate = new DrainGate();
    expect(() =>
      gate.track(() => {
        throw new Error('sync');
      }),
    ).toThrow('sync');
    await expect(gate.track(() => Promise.reject(new Error('async')))).rejects.toThrow('async');
    expect(gate.inFlight).toBe(0);
  });
});

describe('a draining server', () => {
  const gate = new DrainGate();
  const readiness = new Readiness({ database: () => undefined });
  const app = createHttpApp({
    bodyLimitBytes: 1024,
    logger: pino({ level: 'silent' }),
    consoleDir: null,
    drainGate: gate,
    readiness,
  });
  let release: () => void = () => {};
  app.get('/slow', async () => {
    await new Promise<void>((resolve) => (release = resolve));
    return { finished: true };
  });
  app.post('/v1/chat/completions', async () => ({ served: true }));
  app.post('/v1/messages', async () => ({ served: true }));
  afterAll(() => app.close());

  it('is ready before draining, and counts a request in flight', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ready',
      checks: { database: 'ok' },
      notReady: [],
    });
    const slow = app.inject({ method: 'GET', url: '/slow' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gate.inFlight).toBe(1);
    gate.beginDraining();
    // Started before: it finishes normally.
    release();
    expect((await slow).json()).toEqual({ finished: true });
    expect(gate.inFlight).toBe(0);
  });

  it('refuses new requests with 503, retry-after and connection: close, in the surface envelope', async () => {
    const openai = await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: {} });
    expect(openai.statusCode).toBe(503);
    expect(openai.headers['retry-after']).toBe('1');
    expect(openai.headers.connection).toBe('close');
    expect(openai.json().error).toMatchObject({ code: 'server_shutting_down' });

    const anthropic = await app.inject({ method: 'POST', url: '/v1/messages', payload: {} });
    expect(anthropic.statusCode).toBe(503);
    expect(anthropic.headers['retry-after']).toBe('1');
    expect(anthropic.json()).toMatchObject({ type: 'error', error: { type: expect.any(String) } });
  });

  it('still answers the probes: alive, not ready', async () => {
    for (const url of ['/healthz', '/health']) {
      const alive = await app.inject({ method: 'GET', url });
      expect(alive.statusCode).toBe(200);
      expect(alive.json()).toEqual({ status: 'ok' });
    }
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'draining', checks: { database: 'ok' }, notReady: ['draining'] });
  });
});
