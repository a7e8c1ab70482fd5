import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { clearLogs, insertLogs, logEntry } from '../../test/logs/log-fixtures.js';
import { ChannelStats, HOUR_MS } from './channel-stats.js';
import type { LogViewer } from './log-viewer.js';

const admin: LogViewer = { userId: 'usr_admin', role: 'admin' };
const user: LogViewer = { userId: 'usr_alice', role: 'user' };
const at = (hour: number, minute = 0) => Date.UTC(2025, 2, 10, hour, minute);

describeEachDialect('ChannelStats', (store) => {
  const stats = () => new ChannelStats(store());

  beforeAll(async () => {
    await clearLogs(store());
    await insertLogs(store(), [
      // "fast": 3 requests at 10:xx, one failed; latencies 100, 200, 900.
      logEntry({ id: 'f1', channel: 'fast', createdAt: at(10, 5), latencyMs: 100, cost: 3_000_000_000 }),
      logEntry({ id: 'f2', channel: 'fast', createdAt: at(10, 30), latencyMs: 200, cost: 2_000 }),
      logEntry({ id: 'f3', channel: 'fast', createdAt: at(10, 59), latencyMs: 900, cost: 0, status: 502 }),
      // "slow": 1 request at 08:xx.
      logEntry({ id: 's1', channel: 'slow', createdAt: at(8, 1), latencyMs: 4_000, cost: 7 }),
      // No channel (refused before routing): not in the table; a token count: in nothing.
      logEntry({ id: 'n1', channel: null, createdAt: at(10, 1), status: 404, cost: 0 }),
      logEntry({ id: 'c1', channel: 'fast', createdAt: at(10, 2), endpoint: 'count_tokens' }),
      // Outside every window.
      logEntry({ id: 'o1', channel: 'fast', createdAt: at(2), latencyMs: 1 }),
    ]);
  });

  it('tabulates requests, errors, latency and cost per channel, busiest first', async () => {
    const table = await stats().table({ viewer: admin, from: at(8), to: at(11) });
    expect(table).toEqual([
      {
        channel: 'fast',
        requests: 3,
        errors: 1,
        errorRate: 1 / 3,
        avgLatencyMs: 400,
        p50LatencyMs: 200,
        cost: 3_000_002_000,
      },
      { channel: 'slow', requests: 1, errors: 0, errorRate: 0, avgLatencyMs: 4_000, p50LatencyMs: 4_000, cost: 7 },
    ]);
  });

  it('gives 24 hourly buckets ending with the current hour, empty hours as zeros', async () => {
    const hours = await stats().hourly({ viewer: admin, now: at(10, 45) });
    expect(hours).toHaveLength(24);
    expect(hours[23]).toEqual({ hour: at(10), requests: 4, errors: 2, cost: 3_000_002_000 });
    expect(hours[21]).toEqual({ hour: at(8), requests: 1, errors: 0, cost: 7 });
    expect(hours[22]).toEqual({ hour: at(9), requests: 0, errors: 0, cost: 0 });
    expect(hours[0]?.hour).toBe(at(10) - 23 * HOUR_MS);
    // o1 at 02:00 is inside the 24 hours; one channel only.
    const slow = await stats().hourly({ viewer: admin, now: at(10, 45), channel: 'slow' });
    expect(slow.reduce((sum, hour) => sum + hour.requests, 0)).toBe(1);
  });

  it('is for administrators only', async () => {
    await expect(stats().table({ viewer: user, from: at(8), to: at(11) })).rejects.toMatchObject({
      code: 'admin_required',
    });
  });
});
