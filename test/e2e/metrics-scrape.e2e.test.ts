import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src/platform/version.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

/**
 * GET /metrics scraped during and after a burst of real requests through the vendor emulators:
 * what it counts is what the request log holds, on both databases (with Redis on PostgreSQL).
 */

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseScrape(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type?.[1] && type[2]) types.set(type[1], type[2]);
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || !match[3]) throw new Error(`unreadable sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      if (pair[1]) labels[pair[1]] = pair[2] ?? '';
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return { samples, types };
}

function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name)
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

async function scrape(gateway: Gateway): Promise<{ samples: Sample[]; types: Map<string, string>; text: string }> {
  const response = await fetch(`${gateway.origin}/metrics`);
  const text = await response.text();
  expect(response.status).toBe(200);
  return { ...parseScrape(text), text };
}

function send(gateway: Gateway, path: string, body: unknown, key = ADMIN_KEY): Promise<number> {
  return fetch(`${gateway.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (response) => {
    await response.arrayBuffer();
    return response.status;
  });
}

const chat = (model: string, stream: boolean) => ({
  model,
  stream,
  messages: [{ role: 'user', content: 'Say hello' }],
});

/** Rows the request log has written (it writes in batches, a moment after each request). */
async function logRows(gateway: Gateway, expected: number): Promise<{ rows: number; output: number; cost: number }> {
  const read = () =>
    gateway.app.store.db
      .selectFrom('request_logs')
      .select((eb) => [
        eb.fn.countAll<string | number>().as('rows'),
        eb.fn.sum<string | number>('completion_tokens').as('output'),
        eb.fn.sum<string | number>('cost').as('cost'),
      ])
      .executeTakeFirstOrThrow();
  for (let i = 0; i < 100; i++) {
    const row = await read();
    if (Number(row.rows) >= expected)
      return { rows: Number(row.rows), output: Number(row.output), cost: Number(row.cost) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const row = await read();
  return { rows: Number(row.rows), output: Number(row.output), cost: Number(row.cost) };
}

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`GET /metrics during a burst of requests [${database}]`, () => {
    let gateway: Gateway;

    beforeAll(async () => {
      // On PostgreSQL, Redis too: its health is then part of the scrape.
      const shared: Record<string, string> =
        database === 'postgres'
          ? {
              REDIS_URL: 'redis://127.0.0.1:6379',
              AIHUB_REDIS_PREFIX: `aihub-metrics-${randomBytes(4).toString('hex')}:`,
            }
          : {};
      gateway = await startGateway(shared, database);
    });
    afterAll(() => gateway?.close());

    it('counts every request the log holds, with a latency observation each', async () => {
      // Streams that last a while, so a scrape during the burst sees them open.
      gateway.openai.setScript({ chunkCount: 6, chunkDelayMs: 150 });
      // One upstream failure: a 500 the relay fails over from, or answers with.
      gateway.anthropic.enqueue({ fault: { type: 'http-error', status: 500 } });
      const burst: Array<Promise<number>> = [];
      for (let i = 0; i < 12; i++) burst.push(send(gateway, '/v1/chat/completions', chat('gpt-4.1-mini', i % 2 === 0)));
      for (let i = 0; i < 6; i++) {
        burst.push(
          send(gateway, '/v1/messages', {
            model: 'claude-sonnet-4-5',
            max_tokens: 64,
            stream: i % 2 === 0,
            messages: [{ role: 'user', content: 'Say hello' }],
          }),
        );
      }
      // Models no one serves, and a key no one has: refused, counted all the same.
      for (let i = 0; i < 4; i++) burst.push(send(gateway, '/v1/chat/completions', chat(`made-up-${i}`, false)));
      for (let i = 0; i < 3; i++)
        burst.push(send(gateway, '/v1/chat/completions', chat('gpt-4.1-mini', false), 'sk-nope'));

      // Scraped while the streams run (each lasts about a second).
      let openDuring = 0;
      for (let i = 0; i < 40 && openDuring === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        openDuring = total((await scrape(gateway)).samples, 'aihub_open_streams');
      }
      expect(openDuring).toBeGreaterThan(0);

      const statuses = await Promise.all(burst);
      gateway.openai.setScript(undefined);
      expect(statuses.filter((status) => status === 404)).toHaveLength(4);
      expect(statuses.filter((status) => status === 401)).toHaveLength(3);

      const log = await logRows(gateway, burst.length);
      expect(log.rows).toBe(burst.length);
      const after = await scrape(gateway);
      const { samples } = after;
      expect(total(samples, 'aihub_requests_total')).toBe(log.rows);
      expect(total(samples, 'aihub_request_duration_seconds_count')).toBe(log.rows);
      expect(total(samples, 'aihub_tokens_total', { type: 'output' })).toBe(log.output);
      expect(total(samples, 'aihub_cost_usd_total')).toBeCloseTo(log.cost / 1_000_000, 9);
      expect(total(samples, 'aihub_requests_total', { model: 'other' })).toBe(4);
      expect(total(samples, 'aihub_requests_total', { status_class: '4xx' })).toBe(7);
      expect(total(samples, 'aihub_requests_total', { surface: 'anthropic-messages' })).toBe(6);
      expect(total(samples, 'aihub_upstream_errors_total', { class: 'server_error' })).toBeGreaterThanOrEqual(1);
      expect(total(samples, 'aihub_time_to_first_token_seconds_count')).toBeGreaterThan(0);
      expect(total(samples, 'aihub_output_tokens_per_second_count')).toBeGreaterThan(0);
      expect(total(samples, 'aihub_open_streams')).toBe(0);
      expect(total(samples, 'aihub_holds_outstanding')).toBe(0);
      expect(total(samples, 'aihub_database_up')).toBe(1);
      expect(total(samples, 'aihub_request_log_queue_depth')).toBe(0);
      expect(total(samples, 'aihub_build_info', { version: APP_VERSION })).toBe(1);
      expect(total(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
      if (database === 'postgres') {
        expect(total(samples, 'aihub_redis_up')).toBe(1);
        expect(total(samples, 'aihub_database_pool_connections', { state: 'total' })).toBeGreaterThan(0);
      }
      // No user, key or request id becomes a label.
      expect(after.text).not.toContain(ADMIN_KEY);
      expect(after.text).not.toMatch(/usr_|made-up/);
    });

    it.runIf(database === 'postgres')('has every metric the Grafana dashboard queries', async () => {
      const dashboard = readFileSync(new URL('../../deploy/grafana/aihub-dashboard.json', import.meta.url), 'utf8');
      const expressions: string[] = [];
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') {
          for (const [key, inner] of Object.entries(value)) {
            if (key === 'expr' && typeof inner === 'string') expressions.push(inner);
            else walk(inner);
          }
        }
      };
      walk(JSON.parse(dashboard));
      expect(expressions.length).toBeGreaterThan(20);
      const referenced = new Set(
        expressions.flatMap((expr) => expr.match(/\b(?:aihub|nodejs|process)_[a-z0-9_]+\b/g) ?? []),
      );
      const { types } = await scrape(gateway);
      const missing = [...referenced].filter((name) => {
        if (types.has(name)) return false;
        const family = name.replace(/_(bucket|sum|count)$/, '');
        return !(family !== name && (types.get(family) === 'histogram' || types.get(family) === 'summary'));
      });
      expect(missing).toEqual([]);
    });

    // 2,000 through the real server (the machine is shared; src/metrics/request-metrics.test.ts
    // feeds 10,000 distinct users, keys and models to the same observer).
    const BURST = 2_000;
    it.runIf(database === 'sqlite')(
      'grows no series for thousands of distinct keys and model names',
      async () => {
        const seriesOf = (samples: Sample[]) => samples.filter((sample) => sample.name.startsWith('aihub_')).length;
        const before = await scrape(gateway);
        const sent = total(before.samples, 'aihub_requests_total');
        // Half with keys no one has (each a different one), half with models no one serves.
        for (let batch = 0; batch < BURST; batch += 100) {
          await Promise.all(
            Array.from({ length: 100 }, (_, offset) => {
              const i = batch + offset;
              const token = randomBytes(6).toString('hex');
              return i % 2 === 0
                ? send(gateway, '/v1/chat/completions', chat('gpt-4.1-mini', false), `sk-random-${token}`)
                : send(gateway, '/v1/chat/completions', chat(`random-model-${token}`, false));
            }),
          );
        }
        const after = await scrape(gateway);
        expect(total(after.samples, 'aihub_requests_total') - sent).toBe(BURST);
        // A few new series at most (a 401 or 404 histogram with model `none` or `other`: 17 lines
        // each), never one per key or model.
        expect(seriesOf(after.samples) - seriesOf(before.samples)).toBeLessThan(100);
        expect(after.text).not.toMatch(/random-model|sk-random/);
      },
      180_000,
    );

    it('refuses a scrape from another address, whatever X-Forwarded-For says', async () => {
      const answer = await gateway.app.server.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-for': '127.0.0.1' },
      });
      expect(answer.statusCode).toBe(403);
      expect(answer.body).not.toContain('aihub_');
    });
  });
}
