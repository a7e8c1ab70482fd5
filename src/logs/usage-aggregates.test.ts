import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { clearLogs, insertLogs, logEntry } from '../../test/logs/log-fixtures.js';
import { dayLabel, dayStart } from './day-bucket.js';
import type { LogViewer } from './log-viewer.js';
import { UsageAggregates } from './usage-aggregates.js';
import { ZERO_USAGE } from './usage-columns.js';

const at = (day: number, hour: number, minute = 0) => Date.UTC(2025, 2, day, hour, minute);
const userA: LogViewer = { userId: 'usr_a', role: 'user' };
const admin: LogViewer = { userId: 'usr_admin', role: 'admin' };
const FROM = at(9, 0);
const TO = at(13, 0);
const BIG_COST = 5_000_000_000; // beyond 32 bits: sums must stay exact integers

const usage = (fields: Partial<typeof ZERO_USAGE>) => ({ ...ZERO_USAGE, ...fields });

describe('day buckets', () => {
  it('labels and starts local days', () => {
    expect(dayLabel(0)).toBe('1970-01-01');
    expect(dayLabel(20_157)).toBe('2025-03-10');
    expect(dayStart(20_157, 480)).toBe(Date.UTC(2025, 2, 9, 16));
  });
});

describeEachDialect('UsageAggregates', (store) => {
  const aggregates = () => new UsageAggregates(store());

  beforeAll(async () => {
    await clearLogs(store());
    // Every part distinct (one-hour writes a strict part of the writes), so a sum of the wrong column shows.
    const tokens = {
      promptTokens: 10,
      completionTokens: 5,
      cachedTokens: 2,
      cacheWriteTokens: 7,
      cacheWrite1hTokens: 4,
      reasoningTokens: 3,
    };
    await insertLogs(store(), [
      logEntry({
        id: 'e1',
        userId: 'usr_a',
        modelRequested: 'gpt-4o',
        createdAt: at(10, 17),
        cost: 100,
        latencyMs: 100,
        ...tokens,
      }),
      logEntry({
        id: 'e2',
        userId: 'usr_a',
        modelRequested: 'gpt-4o',
        createdAt: at(10, 23, 30),
        cost: 200,
        latencyMs: 200,
        ...tokens,
      }),
      logEntry({
        id: 'e3',
        userId: 'usr_a',
        modelRequested: 'claude',
        createdAt: at(11, 2),
        status: 500,
        cost: 0,
        latencyMs: 300,
        ...tokens,
      }),
      logEntry({
        id: 'e4',
        userId: 'usr_b',
        modelRequested: 'gpt-4o',
        createdAt: at(11, 2),
        cost: BIG_COST,
        latencyMs: 400,
        ...tokens,
      }),
      logEntry({
        id: 'e5',
        userId: null,
        keyId: null,
        modelRequested: 'gpt-4o',
        createdAt: at(11, 6),
        status: 401,
        cost: 0,
        latencyMs: 5,
        ...tokens,
      }),
      // A token count (count_tokens / :countTokens) inside the window: not a generation, so in no report.
      logEntry({
        id: 'e8',
        userId: 'usr_a',
        modelRequested: 'gpt-4o',
        createdAt: at(10, 18),
        endpoint: 'count_tokens',
        cost: 0,
        latencyMs: 1,
        promptTokens: 999,
      }),
      // Outside the window.
      logEntry({ id: 'e6', userId: 'usr_a', modelRequested: 'gpt-4o', createdAt: at(1, 12), cost: 7 }),
      logEntry({ id: 'e7', userId: 'usr_a', modelRequested: 'gpt-4o', createdAt: TO, cost: 7 }),
    ]);
  });

  it('aggregates per UTC day and model', async () => {
    const rows = await aggregates().dailyUsage({ viewer: admin, from: FROM, to: TO });
    expect(rows).toEqual([
      {
        day: '2025-03-10',
        model: 'gpt-4o',
        ...usage({
          requests: 2,
          promptTokens: 20,
          completionTokens: 10,
          cachedTokens: 4,
          cacheWriteTokens: 14,
          cacheWrite1hTokens: 8,
          reasoningTokens: 6,
          cost: 300,
        }),
      },
      {
        day: '2025-03-11',
        model: 'claude',
        ...usage({
          requests: 1,
          errors: 1,
          promptTokens: 10,
          completionTokens: 5,
          cachedTokens: 2,
          cacheWriteTokens: 7,
          cacheWrite1hTokens: 4,
          reasoningTokens: 3,
        }),
      },
      {
        day: '2025-03-11',
        model: 'gpt-4o',
        ...usage({
          requests: 2,
          errors: 1,
          promptTokens: 20,
          completionTokens: 10,
          cachedTokens: 4,
          cacheWriteTokens: 14,
          cacheWrite1hTokens: 8,
          reasoningTokens: 6,
          cost: BIG_COST,
        }),
      },
    ]);
  });

  it('moves day boundaries with the time zone', async () => {
    const east = await aggregates().dailyUsage({ viewer: admin, from: FROM, to: TO, tzOffsetMinutes: 480 });
    expect(east.map((row) => [row.day, row.model, row.requests])).toEqual([
      ['2025-03-11', 'claude', 1],
      ['2025-03-11', 'gpt-4o', 4],
    ]);
    const west = await aggregates().dailyUsage({ viewer: admin, from: FROM, to: TO, tzOffsetMinutes: -300 });
    expect(west.map((row) => [row.day, row.model, row.requests])).toEqual([
      ['2025-03-10', 'claude', 1],
      ['2025-03-10', 'gpt-4o', 3],
      ['2025-03-11', 'gpt-4o', 1],
    ]);
  });

  it('puts a row at local midnight in the new day and one a millisecond earlier in the old', async () => {
    const midnight = Date.UTC(2025, 3, 2) - 480 * 60_000; // 2025-04-02 00:00 at UTC+8
    await insertLogs(store(), [
      logEntry({ id: 'edge_before', userId: 'usr_edge', createdAt: midnight - 1 }),
      logEntry({ id: 'edge_at', userId: 'usr_edge', createdAt: midnight }),
    ]);
    const rows = await aggregates().dailyUsage({
      viewer: admin,
      userId: 'usr_edge',
      from: midnight - 60_000,
      to: midnight + 60_000,
      tzOffsetMinutes: 480,
    });
    expect(rows.map((row) => [row.day, row.requests])).toEqual([
      ['2025-04-01', 1],
      ['2025-04-02', 1],
    ]);
  });

  it('shows a user only their own usage, whatever userId they ask for', async () => {
    const own = await aggregates().dailyUsage({ viewer: userA, from: FROM, to: TO });
    expect(own.map((row) => [row.day, row.model, row.requests, row.cost])).toEqual([
      ['2025-03-10', 'gpt-4o', 2, 300],
      ['2025-03-11', 'claude', 1, 0],
    ]);
    expect(await aggregates().dailyUsage({ viewer: userA, userId: 'usr_b', from: FROM, to: TO })).toEqual([]);
    const summary = await aggregates().summary({ viewer: userA, userId: 'usr_b', from: FROM, to: TO });
    expect(summary.totals).toEqual(ZERO_USAGE);
    expect(summary.models).toEqual([]);
  });

  it('filters by model and by user for admins', async () => {
    const rows = await aggregates().dailyUsage({ viewer: admin, userId: 'usr_b', model: 'gpt-4o', from: FROM, to: TO });
    expect(rows.map((row) => [row.day, row.requests, row.cost])).toEqual([['2025-03-11', 1, BIG_COST]]);
  });

  it('sums a window, and per model by cost', async () => {
    const summary = await aggregates().summary({ viewer: admin, from: FROM, to: TO });
    expect(summary).toEqual({
      from: FROM,
      to: TO,
      totals: usage({
        requests: 5,
        errors: 2,
        promptTokens: 50,
        completionTokens: 25,
        cachedTokens: 10,
        cacheWriteTokens: 35,
        cacheWrite1hTokens: 20,
        reasoningTokens: 15,
        cost: BIG_COST + 300,
      }),
      models: [
        expect.objectContaining({
          model: 'gpt-4o',
          requests: 4,
          errors: 1,
          cost: BIG_COST + 300,
          cachedTokens: 8,
          cacheWriteTokens: 28,
          cacheWrite1hTokens: 16,
        }),
        expect.objectContaining({
          model: 'claude',
          requests: 1,
          errors: 1,
          cost: 0,
          cachedTokens: 2,
          cacheWriteTokens: 7,
          cacheWrite1hTokens: 4,
        }),
      ],
    });
  });

  it('counts embeddings (billed) in the reports, and still leaves token counts out', async () => {
    const from = at(20, 0);
    const to = at(21, 0);
    await insertLogs(store(), [
      logEntry({
        id: 'emb1',
        userId: 'usr_a',
        modelRequested: 'text-embedding-3-small',
        createdAt: at(20, 1),
        endpoint: 'embeddings',
        cost: 25,
        promptTokens: 1234,
      }),
      logEntry({
        id: 'cnt1',
        userId: 'usr_a',
        modelRequested: 'gpt-4o',
        createdAt: at(20, 2),
        endpoint: 'count_tokens',
        cost: 0,
        promptTokens: 999,
      }),
    ]);
    const summary = await aggregates().summary({ viewer: admin, from, to });
    expect(summary.totals).toMatchObject({ requests: 1, promptTokens: 1234, cost: 25 });
    expect(summary.models.map((row) => row.model)).toEqual(['text-embedding-3-small']);
  });

  it('builds the admin dashboard: totals, error rate, latency percentiles, top models and users', async () => {
    const dashboard = await aggregates().dashboard({ viewer: admin, from: FROM, to: TO });
    expect(dashboard.totals).toMatchObject({
      requests: 5,
      errors: 2,
      cost: BIG_COST + 300,
      cachedTokens: 10,
      cacheWriteTokens: 35,
      cacheWrite1hTokens: 20,
    });
    expect(dashboard.errorRate).toBeCloseTo(0.4, 10);
    // Successful latencies 100, 200, 400: nearest rank ceil(0.5×3)=2 and ceil(0.95×3)=3.
    expect(dashboard.latency).toEqual({ p50: 200, p95: 400 });
    expect(dashboard.topModels.map((row) => [row.model, row.cost])).toEqual([
      ['gpt-4o', BIG_COST + 300],
      ['claude', 0],
    ]);
    expect(dashboard.topUsers.map((row) => [row.userId, row.requests, row.cost])).toEqual([
      ['usr_b', 1, BIG_COST],
      ['usr_a', 3, 300],
    ]);
    expect(dashboard.topUsers.map((row) => [row.cacheWriteTokens, row.cacheWrite1hTokens])).toEqual([
      [7, 4],
      [21, 12],
    ]);
    const top1 = await aggregates().dashboard({ viewer: admin, from: FROM, to: TO, top: 1 });
    expect(top1.topModels).toHaveLength(1);
    expect(top1.topUsers).toHaveLength(1);
  });

  it('answers an empty window with zeros and no percentiles', async () => {
    const dashboard = await aggregates().dashboard({ viewer: admin, from: 0, to: 1_000 });
    expect(dashboard).toEqual({
      from: 0,
      to: 1_000,
      totals: ZERO_USAGE,
      errorRate: 0,
      latency: { p50: null, p95: null },
      topModels: [],
      topUsers: [],
    });
  });

  it('refuses the dashboard to non-admins', async () => {
    await expect(aggregates().dashboard({ viewer: userA, from: FROM, to: TO })).rejects.toMatchObject({ status: 403 });
  });
});
