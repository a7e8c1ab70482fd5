import { describe, expect, it } from 'vitest';
import { loadedCheck, Readiness } from './readiness.js';

describe('Readiness', () => {
  it('is ready when every check passes', async () => {
    const readiness = new Readiness({
      database: async () => undefined,
      channels: loadedCheck('the channels', () => true),
    });
    expect(await readiness.report(false)).toEqual({
      status: 'ready',
      checks: { database: 'ok', channels: 'ok' },
      notReady: [],
    });
  });

  it('names each check that fails, with its reason', async () => {
    const readiness = new Readiness({
      database: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
      redis: () => undefined,
      catalog: loadedCheck('the model catalog', () => false),
    });
    expect(await readiness.report(false)).toEqual({
      status: 'not_ready',
      checks: {
        database: 'connect ECONNREFUSED 127.0.0.1:5432',
        redis: 'ok',
        catalog: 'the model catalog not loaded yet',
      },
      notReady: ['database', 'catalog'],
    });
  });

  it('answers within the timeout when a dependency hangs', async () => {
    const readiness = new Readiness({ redis: () => new Promise<void>(() => {}) }, { checkTimeoutMs: 30 });
    const started = Date.now();
    const report = await readiness.report(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report).toEqual({ status: 'not_ready', checks: { redis: 'no answer within 30 ms' }, notReady: ['redis'] });
  });

  it('is not ready while draining, whatever the checks say', async () => {
    const report = await new Readiness({ database: () => undefined }).report(true);
    expect(report).toEqual({ status: 'draining', checks: { database: 'ok' }, notReady: ['draining'] });
  });
});
