import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { clearLogs, insertLogs, logEntry, manualTimers } from '../../test/logs/log-fixtures.js';
import { DAY_MS } from './day-bucket.js';
import { LogRetention } from './log-retention.js';

const NOW = Date.UTC(2025, 5, 1);

describeEachDialect('LogRetention', (store) => {
  beforeEach(async () => {
    await clearLogs(store());
    await insertLogs(store(), [
      ...Array.from({ length: 7 }, (_, i) => logEntry({ id: `old_${i}`, createdAt: NOW - 40 * DAY_MS - i })),
      logEntry({ id: 'edge', createdAt: NOW - 30 * DAY_MS }),
      logEntry({ id: 'new', createdAt: NOW - DAY_MS }),
    ]);
  });

  const remaining = async () =>
    (await store().db.selectFrom('request_logs').select('id').orderBy('id').execute()).map((row) => row.id);

  it('deletes rows older than the retention period, in batches', async () => {
    const retention = new LogRetention(store(), { retentionDays: () => 30, now: () => NOW, batchSize: 3 });
    expect(await retention.sweep()).toBe(7);
    expect(await remaining()).toEqual(['edge', 'new']);
    expect(await retention.sweep()).toBe(0);
  });

  it('keeps everything when retention is 0', async () => {
    const retention = new LogRetention(store(), { retentionDays: () => 0, now: () => NOW });
    expect(await retention.sweep()).toBe(0);
    expect(await remaining()).toHaveLength(9);
  });

  it('reads the setting at each sweep', async () => {
    let days = 0;
    const retention = new LogRetention(store(), { retentionDays: () => days, now: () => NOW });
    expect(await retention.sweep()).toBe(0);
    days = 2;
    expect(await retention.sweep()).toBe(8);
    expect(await remaining()).toEqual(['new']);
  });

  it('sweeps on start and on every interval until stopped', async () => {
    const timers = manualTimers();
    let now = NOW;
    const retention = new LogRetention(store(), {
      retentionDays: () => 30,
      now: () => now,
      timers,
      intervalMs: 60_000,
    });
    retention.start();
    expect(timers.live.size).toBe(1);
    await retention.stop();
    expect(timers.live.size).toBe(0);
    expect(await remaining()).toEqual(['edge', 'new']);

    retention.start();
    await retention.sweep();
    now = NOW + 10 * DAY_MS;
    timers.tick();
    await retention.stop();
    expect(await remaining()).toEqual(['new']);
  });

  it('logs a failed sweep and resolves', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    const retention = new LogRetention(store(), {
      retentionDays: () => {
        throw new Error('settings unavailable');
      },
      logger,
    });
    expect(await retention.sweep()).toBe(0);
    expect(logger.warn).toHaveBeenCalledOnce();
  });
});
