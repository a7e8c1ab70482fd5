import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../../../test/api-harness.js';
import { describeEachDialect } from '../../../../test/db-harness.js';
import { clearLogs, insertLogs, logEntry } from '../../../../test/logs/log-fixtures.js';
import { CacheHitRates } from '../../../logs/cache-hit-rates.js';
import { RequestLogQuery } from '../../../logs/request-log-query.js';
import { UsageAggregates } from '../../../logs/usage-aggregates.js';
import { buildOpenApiDocument } from '../openapi.js';
import { registerLogRoutes } from './log-routes.js';

const NOW = Date.UTC(2025, 4, 20, 12);
const HOUR = 3_600_000;
const asAlice = { 'x-test-user': 'usr_alice' };
const asBob = { 'x-test-user': 'usr_bob' };
const asAdmin = { 'x-test-user': 'usr_admin', 'x-test-role': 'admin' };

describeEachDialect('log and usage routes', (store) => {
  let harness: ReturnType<typeof createApiHarness>;

  beforeAll(async () => {
    await clearLogs(store());
    await insertLogs(
      store(),
      [
        logEntry({
          id: 'a1',
          userId: 'usr_alice',
          createdAt: NOW - 3 * HOUR,
          modelRequested: 'gpt-4o',
          cost: 10,
          prompt: 'alice prompt',
        }),
        logEntry({
          id: 'a2',
          userId: 'usr_alice',
          createdAt: NOW - 2 * HOUR,
          modelRequested: 'claude',
          status: 500,
          cost: 0,
          attemptsDetail: [
            {
              channel: 'acme-anthropic-2',
              key: 'sk-…wxyz',
              model: 'claude',
              outcome: 'upstream_error',
              status: 500,
              ms: 12,
            },
          ],
        }),
        logEntry({ id: 'a3', userId: 'usr_alice', createdAt: NOW - HOUR, modelRequested: 'gpt-4o', cost: 30 }),
        logEntry({
          id: 'b1',
          userId: 'usr_bob',
          createdAt: NOW - HOUR,
          modelRequested: 'gpt-4o',
          cost: 500,
          keyId: 'key_b1',
        }),
      ],
      true,
    );
    harness = createApiHarness(headerPrincipals, (api) =>
      registerLogRoutes(api, {
        logQuery: new RequestLogQuery(store()),
        usage: new UsageAggregates(store()),
        cacheHits: new CacheHitRates(store()),
        now: () => NOW,
      }),
    );
    await harness.app.ready();
  });

  afterAll(async () => {
    await harness.app.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await harness.app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json() };
  };

  it('needs a caller', async () => {
    expect((await get('/api/logs')).status).toBe(401);
    expect((await get('/api/usage/daily')).status).toBe(401);
  });

  it('lists a user’s own logs, newest first, without channel names', async () => {
    const { status, body } = await get('/api/logs', asAlice);
    expect(status).toBe(200);
    expect(body.data.map((log: { id: string }) => log.id)).toEqual(['a3', 'a2', 'a1']);
    expect(body.nextCursor).toBeNull();
    expect(body.data[2]).toMatchObject({
      id: 'a1',
      userId: 'usr_alice',
      channel: null,
      prompt: 'alice prompt',
      stream: false,
    });
  });

  it('keeps channel names and upstream key hints out of a user’s attempts; an admin sees them', async () => {
    const own = await get('/api/logs/a2', asAlice);
    expect(own.body.attemptsDetail).toEqual([{ model: 'claude', outcome: 'upstream_error', status: 500, ms: 12 }]);
    expect(JSON.stringify((await get('/api/logs', asAlice)).body)).not.toMatch(/acme-anthropic-2|wxyz/);
    const admin = await get('/api/logs/a2', asAdmin);
    expect(admin.body.attemptsDetail[0]).toMatchObject({ channel: 'acme-anthropic-2', key: 'sk-…wxyz' });
  });

  it('never shows a user another user’s logs', async () => {
    expect((await get('/api/logs', asBob)).body.data.map((log: { id: string }) => log.id)).toEqual(['b1']);
    expect((await get('/api/logs?userId=usr_alice', asBob)).body.data).toEqual([]);
    const other = await get('/api/logs/a1', asBob);
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ type: expect.any(String), code: 'log_not_found' });
    expect((await get('/api/logs/a1', asAlice)).body).toMatchObject({ id: 'a1', prompt: 'alice prompt' });
  });

  it('waits for a row on its way when asked (?waitMs), and still 404s a row that never comes', async () => {
    setTimeout(() => {
      void insertLogs(store(), [logEntry({ id: 'late1', userId: 'usr_alice', createdAt: NOW, cost: 7 })], true);
    }, 150);
    expect(await get('/api/logs/late1?waitMs=3000', asAlice)).toMatchObject({ status: 200, body: { id: 'late1' } });
    const started = Date.now();
    const never = await get('/api/logs/never1?waitMs=300', asAlice);
    expect(never.status).toBe(404);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    // Another user's row is not "on its way": the wait ends with the same 404.
    expect((await get('/api/logs/late1?waitMs=200', asBob)).status).toBe(404);
    expect((await get('/api/logs/a1?waitMs=99999', asAlice)).status).toBe(400);
    await store().db.deleteFrom('request_logs').where('id', '=', 'late1').execute();
  });

  it('gives a request’s generation record to its owner only, at both paths, as OpenRouter shapes it', async () => {
    const own = await get('/api/generation?id=a1', asAlice);
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({
      id: 'a1',
      model_requested: 'gpt-4o',
      total_cost: 0.00001,
      usage: 0.00001,
      is_byok: false,
      streamed: false,
      created_at: new Date(NOW - 3 * HOUR).toISOString(),
    });
    expect((await get('/api/v1/generation?id=a1', asAlice)).body).toEqual(own.body);
    // A user's attempts name no channel and no upstream key; the failed request says why it failed.
    const failed = await get('/api/generation?id=a2', asAlice);
    expect(failed.body.data.attempts).toEqual([{ model: 'claude', outcome: 'upstream_error', status: 500, ms: 12 }]);
    expect(failed.body.data.status).toBe(500);
    expect((await get('/api/generation?id=a2', asAdmin)).body.data.attempts[0].channel).toBe('acme-anthropic-2');
    const other = await get('/api/generation?id=a1&waitMs=0', asBob);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('log_not_found');
    expect((await get('/api/generation', asAlice)).status).toBe(400);
    expect((await get('/api/generation?id=a1')).status).toBe(401);
  });

  it('waits for a generation record written just after the answer (a second by default)', async () => {
    setTimeout(() => {
      void insertLogs(store(), [logEntry({ id: 'late2', userId: 'usr_alice', createdAt: NOW, cost: 1_234_567 })], true);
    }, 200);
    const late = await get('/api/generation?id=late2', asAlice);
    expect(late).toMatchObject({ status: 200, body: { data: { id: 'late2', total_cost: 1.234567 } } });
    await store().db.deleteFrom('request_logs').where('id', '=', 'late2').execute();
  });

  it('lets an admin see everyone with filters, and pages', async () => {
    const all = await get('/api/logs?limit=2', asAdmin);
    expect(all.body.data.map((log: { id: string }) => log.id)).toEqual(['b1', 'a3']);
    expect(all.body.data[0].channel).toBe('openai-main');
    const rest = await get(`/api/logs?limit=2&cursor=${all.body.nextCursor}`, asAdmin);
    expect(rest.body).toMatchObject({ nextCursor: null, data: [{ id: 'a2' }, { id: 'a1' }] });

    const filtered = async (query: string) =>
      (await get(`/api/logs?${query}`, asAdmin)).body.data.map((log: { id: string }) => log.id);
    expect(await filtered('userId=usr_bob')).toEqual(['b1']);
    expect(await filtered('keyId=key_b1')).toEqual(['b1']);
    expect(await filtered('model=claude')).toEqual(['a2']);
    expect(await filtered('status=error')).toEqual(['a2']);
    expect(await filtered('status=500')).toEqual(['a2']);
    expect(await filtered(`from=${NOW - 2 * HOUR}&to=${NOW - HOUR}`)).toEqual(['a2']);
  });

  it('rejects bad query parameters with a 400 naming the field', async () => {
    const badLimit = await get('/api/logs?limit=0', asAlice);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.param).toBe('limit');
    expect((await get('/api/logs?status=sometimes', asAlice)).status).toBe(400);
    expect((await get('/api/logs?cursor=garbage', asAlice)).status).toBe(400);
    expect((await get(`/api/usage/daily?from=${NOW}&to=${NOW - 1}`, asAlice)).status).toBe(400);
    expect((await get(`/api/usage/daily?from=0&to=${NOW}`, asAlice)).status).toBe(400);
    expect((await get('/api/usage/daily?tzOffsetMinutes=5000', asAlice)).status).toBe(400);
  });

  it('charts a user’s own daily usage (default: the last 30 days)', async () => {
    const { status, body } = await get('/api/usage/daily', asAlice);
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: NOW - 30 * 24 * HOUR, to: NOW, tzOffsetMinutes: 0 });
    expect(
      body.data.map((row: { day: string; model: string; requests: number; cost: number }) => [
        row.day,
        row.model,
        row.requests,
        row.cost,
      ]),
    ).toEqual([
      ['2025-05-20', 'claude', 1, 0],
      ['2025-05-20', 'gpt-4o', 2, 40],
    ]);
    // 09:00–11:00 UTC is already the 21st at UTC+14.
    const east = await get('/api/usage/daily?tzOffsetMinutes=840', asAlice);
    expect(east.body.data.map((row: { day: string }) => row.day)).toEqual(['2025-05-20', '2025-05-21', '2025-05-21']);
    expect((await get('/api/usage/daily?userId=usr_alice', asBob)).body.data).toEqual([]);
  });

  it('lets an admin chart everyone or one user', async () => {
    const everyone = await get('/api/usage/daily?model=gpt-4o', asAdmin);
    expect(everyone.body.data).toEqual([expect.objectContaining({ model: 'gpt-4o', requests: 3, cost: 540 })]);
    const bob = await get('/api/usage/daily?userId=usr_bob', asAdmin);
    expect(bob.body.data).toEqual([expect.objectContaining({ model: 'gpt-4o', requests: 1, cost: 500 })]);
  });

  it('sums usage for the caller', async () => {
    const { body } = await get('/api/usage/summary', asBob);
    expect(body.totals).toMatchObject({ requests: 1, errors: 0, cost: 500 });
    expect(body.models).toEqual([expect.objectContaining({ model: 'gpt-4o', cost: 500 })]);
    expect((await get('/api/usage/summary', asAdmin)).body.totals).toMatchObject({ requests: 4, errors: 1, cost: 540 });
  });

  it('keeps the dashboard for admins', async () => {
    const denied = await get('/api/admin/dashboard', asAlice);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('admin_required');
    const { status, body } = await get('/api/admin/dashboard', asAdmin);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: NOW - 24 * HOUR,
      to: NOW,
      totals: { requests: 4, errors: 1, cost: 540 },
      errorRate: 0.25,
      latency: { p50: 500, p95: 500 },
      topUsers: [
        { userId: 'usr_bob', cost: 500 },
        { userId: 'usr_alice', cost: 40 },
      ],
      topModels: [
        { model: 'gpt-4o', cost: 540 },
        { model: 'claude', cost: 0 },
      ],
    });
  });

  it('keeps the prompt-cache hit rates for admins, per channel and model over the last 24 hours', async () => {
    const denied = await get('/api/admin/usage/cache-hits', asAlice);
    expect(denied.status).toBe(403);
    const { status, body } = await get('/api/admin/usage/cache-hits', asAdmin);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: NOW - 24 * HOUR,
      to: NOW,
      totals: { requests: 4, cacheReadRequests: 0, promptTokens: 400, tokenHitRate: 0, requestHitRate: 0 },
      channels: [{ channel: 'openai-main', requests: 4 }],
      models: [
        { model: 'gpt-4o', requests: 3 },
        { model: 'claude', requests: 1 },
      ],
    });
    expect((await get('/api/admin/usage/cache-hits?top=0', asAdmin)).status).toBe(400);
  });

  it('describes its routes in OpenAPI', () => {
    const document = buildOpenApiDocument(harness.api.routes, 'test') as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/logs',
        '/api/logs/{id}',
        '/api/usage/daily',
        '/api/usage/summary',
        '/api/admin/dashboard',
        '/api/admin/usage/cache-hits',
      ]),
    );
    expect(document.paths['/api/admin/dashboard']?.get).toMatchObject({ 'x-aihub-access': 'admin' });
  });
});
