import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { clearLogs, insertLogs, logEntry } from '../../test/logs/log-fixtures.js';
import type { LogViewer } from './log-viewer.js';
import { MarginReports } from './margin-report.js';

const admin: LogViewer = { userId: 'usr_admin', role: 'admin' };
const user: LogViewer = { userId: 'usr_a', role: 'user' };
const at = (hour: number) => Date.UTC(2025, 2, 10, hour);
const window = { from: at(0), to: at(24) };

describeEachDialect('MarginReports', (store) => {
  const reports = () => new MarginReports(store());

  beforeAll(async () => {
    await clearLogs(store());
    await insertLogs(store(), [
      // gpt-x on "cheap": $3 000 000 000 of revenue (past 2^31) against 1 000 000 000 upstream.
      logEntry({
        id: 'a1',
        modelRequested: 'gpt-x',
        channel: 'cheap',
        createdAt: at(1),
        cost: 3_000_000_000,
        upstreamCost: 1_000_000_000,
      }),
      // gpt-x on "dear", half of it from a plan, with hedging overhead.
      logEntry({
        id: 'a2',
        modelRequested: 'gpt-x',
        channel: 'dear',
        createdAt: at(2),
        cost: 400,
        planDrawn: 600,
        upstreamCost: 900,
        hedgeOverhead: 50,
      }),
      // claude-y on "dear", cost unknown.
      logEntry({
        id: 'b1',
        modelRequested: 'claude-y',
        channel: 'dear',
        createdAt: at(3),
        cost: 700,
        upstreamCost: null,
      }),
      // A cache hit: no channel, revenue, nothing upstream.
      logEntry({ id: 'c1', modelRequested: 'claude-y', channel: null, createdAt: at(4), cost: 20, upstreamCost: 0 }),
      // A token count and a request outside the window count for nothing.
      logEntry({
        id: 't1',
        modelRequested: 'gpt-x',
        channel: 'cheap',
        createdAt: at(5),
        endpoint: 'count_tokens',
        cost: 9,
      }),
      logEntry({ id: 'o1', modelRequested: 'gpt-x', channel: 'cheap', createdAt: at(0) - 1, cost: 9 }),
    ]);
  });

  it('breaks revenue, upstream cost, overhead and margin down by model', async () => {
    const report = await reports().report({ viewer: admin, ...window, by: 'model' });
    expect(report.data).toEqual([
      {
        key: 'gpt-x',
        requests: 2,
        revenue: 3_000_001_000,
        charged: 3_000_000_400,
        planDrawn: 600,
        upstreamCost: 1_000_000_900,
        hedgeOverhead: 50,
        margin: 2_000_000_050,
        marginPercent: 66.67,
        unknownCostRequests: 0,
        unknownCostRevenue: 0,
      },
      {
        key: 'claude-y',
        requests: 2,
        revenue: 720,
        charged: 720,
        planDrawn: 0,
        upstreamCost: 0,
        hedgeOverhead: 0,
        margin: 720,
        marginPercent: 100,
        unknownCostRequests: 1,
        unknownCostRevenue: 700,
      },
    ]);
    expect(report.totals).toMatchObject({
      requests: 4,
      revenue: 3_000_001_720,
      upstreamCost: 1_000_000_900,
      hedgeOverhead: 50,
      margin: 2_000_000_770,
      unknownCostRequests: 1,
    });
  });

  it('by channel, with requests no channel served under a null key', async () => {
    const report = await reports().report({ viewer: admin, ...window, by: 'channel' });
    expect(report.data.map((row) => [row.key, row.requests, row.revenue, row.margin])).toEqual([
      ['cheap', 1, 3_000_000_000, 2_000_000_000],
      ['dear', 2, 1_700, 750],
      [null, 1, 20, 20],
    ]);
  });

  it('narrows to one model, and answers zeros for an empty window', async () => {
    const one = await reports().report({ viewer: admin, ...window, by: 'channel', model: 'claude-y' });
    expect(one.data.map((row) => row.key)).toEqual(['dear', null]);
    const empty = await reports().report({ viewer: admin, from: at(30), to: at(31), by: 'model' });
    expect(empty.data).toEqual([]);
    expect(empty.totals).toMatchObject({ requests: 0, revenue: 0, margin: 0, marginPercent: null });
  });

  it('is for admins only', async () => {
    await expect(reports().report({ viewer: user, ...window, by: 'model' })).rejects.toMatchObject({
      code: 'admin_required',
    });
  });
});
