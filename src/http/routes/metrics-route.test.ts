import pino from 'pino';
import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { MetricsAccess } from '../../config/settings.js';
import { metricsGuard } from '../metrics-guard.js';
import { createHttpApp } from '../server.js';
import { registerMetricsRoute } from './metrics-route.js';

function metricsApp(access: MetricsAccess, trustProxy: boolean | string = false) {
  const registry = new Registry();
  new Counter({ name: 'aihub_probe_total', help: 'A probe.', registers: [registry] }).inc(3);
  const app = createHttpApp({ bodyLimitBytes: 1024, logger: pino({ level: 'silent' }), trustProxy });
  registerMetricsRoute(app, { registry, guard: metricsGuard(access, trustProxy) });
  return app;
}

type Scrape = { from: string; authorization?: string; forwardedFor?: string };

async function scrape(app: ReturnType<typeof metricsApp>, { from, authorization, forwardedFor }: Scrape) {
  const headers: Record<string, string> = {};
  if (authorization) headers.authorization = authorization;
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return app.inject({ method: 'GET', url: '/metrics', remoteAddress: from, headers });
}

describe('GET /metrics', () => {
  it('serves Prometheus text to loopback when the operator set nothing', async () => {
    const app = metricsApp({});
    const answer = await scrape(app, { from: '127.0.0.1' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toContain('aihub_probe_total 3');
  });

  it('refuses any other address with 403 and no metric text', async () => {
    const app = metricsApp({});
    const answer = await scrape(app, { from: '203.0.113.9' });
    expect(answer.statusCode).toBe(403);
    expect(answer.body).not.toContain('aihub_');
    expect(answer.json().error.code).toBe('metrics_address_not_allowed');
  });

  it('refuses a forged X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const untrusting = metricsApp({ allow: '10.0.0.0/8' });
    const forged = await scrape(untrusting, { from: '203.0.113.9', forwardedFor: '10.0.0.1' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).not.toContain('aihub_');
    // The default (loopback) cannot be forged either, even with a proxy trusted elsewhere.
    const loopbackOnly = metricsApp({}, '192.168.0.0/16');
    expect((await scrape(loopbackOnly, { from: '203.0.113.9', forwardedFor: '127.0.0.1' })).statusCode).toBe(403);
  });

  it('believes X-Forwarded-For from a proxy the operator trusts', async () => {
    const app = metricsApp({ allow: '10.0.0.0/8' }, 'loopback');
    expect((await scrape(app, { from: '127.0.0.1', forwardedFor: '10.0.0.1' })).statusCode).toBe(200);
    expect((await scrape(app, { from: '127.0.0.1', forwardedFor: '203.0.113.9' })).statusCode).toBe(403);
  });

  it('with a token, answers 401 without it or with a wrong one, 200 with it from anywhere', async () => {
    const app = metricsApp({ token: 'scrape-me' });
    const missing = await scrape(app, { from: '127.0.0.1' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(missing.body).not.toContain('aihub_');
    const wrong = await scrape(app, { from: '127.0.0.1', authorization: 'Bearer scrape-you' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('aihub_');
    const right = await scrape(app, { from: '203.0.113.9', authorization: 'Bearer scrape-me' });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('aihub_probe_total 3');
  });

  it('with a token and an allow-list, wants both', async () => {
    const app = metricsApp({ token: 'scrape-me', allow: '10.0.0.0/8' });
    expect((await scrape(app, { from: '10.1.1.1', authorization: 'Bearer scrape-me' })).statusCode).toBe(200);
    expect((await scrape(app, { from: '203.0.113.9', authorization: 'Bearer scrape-me' })).statusCode).toBe(403);
    expect((await scrape(app, { from: '10.1.1.1' })).statusCode).toBe(401);
  });
});
