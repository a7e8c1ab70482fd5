import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { clearLogs, insertLogs, logEntry } from '../../test/logs/log-fixtures.js';
import { CacheHitRates } from './cache-hit-rates.js';
import type { LogViewer } from './log-viewer.js';

const admin: LogViewer = { userId: 'usr_admin', role: 'admin' };
const at = (hour: number) => Date.UTC(2025, 2, 10, hour);

describeEachDialect('CacheHitRates', (store) => {
  const rates = () => new CacheHitRates(store());

  beforeAll(async () => {
    await clearLogs(store());
    const big = 3_000_000_000; // beyond 32 bits: sums stay exact integers
    await insertLogs(
      store(),
      [
        // Channel "anthropic-a", claude: 2 of 3 requests read the cache; 1,500 of 3,000 input tokens.
        logEntry({ id: 'a1', channel: 'anthropic-a', modelRequested: 'claude', promptTokens: 1_000, cachedTokens: 0 }),
        logEntry({
          id: 'a2',
          channel: 'anthropic-a',
          modelRequested: 'claude',
          promptTokens: 1_000,
          cachedTokens: 700,
        }),
        logEntry({
          id: 'a3',
          channel: 'anthropic-a',
          modelRequested: 'claude',
          promptTokens: 1_000,
          cachedTokens: 800,
        }),
        // Channel "openai-b" serves claude too (an alias) and gpt-4o: no cache reads.
        logEntry({ id: 'b1', channel: 'openai-b', modelRequested: 'claude', promptTokens: 1_000 }),
        logEntry({ id: 'b2', channel: 'openai-b', modelRequested: 'gpt-4o', promptTokens: big, cachedTokens: big / 2 }),
        // Never reached an upstream cache: left out everywhere.
        logEntry({ id: 'x1', channel: null, modelRequested: 'gpt-4o', promptTokens: 0, status: 404 }),
        logEntry({ id: 'x2', channel: 'openai-b', modelRequested: 'gpt-4o', cachedResponse: true, cachedTokens: 100 }),
        // Outside the window.
        logEntry({ id: 'x3', channel: 'anthropic-a', modelRequested: 'claude', cachedTokens: 100 }),
      ].map((entry) => ({ ...entry, createdAt: entry.id === 'x3' ? at(20) : at(10) })),
    );
  });

  it('reports token and request hit rates per channel, per model and in all', async () => {
    const report = await rates().report({ viewer: admin, from: at(9), to: at(11) });
    expect(report.channels).toEqual([
      {
        channel: 'openai-b',
        requests: 2,
        cacheReadRequests: 1,
        promptTokens: 3_000_001_000,
        cachedTokens: 1_500_000_000,
        tokenHitRate: 1_500_000_000 / 3_000_001_000,
        requestHitRate: 0.5,
      },
      {
        channel: 'anthropic-a',
        requests: 3,
        cacheReadRequests: 2,
        promptTokens: 3_000,
        cachedTokens: 1_500,
        tokenHitRate: 0.5,
        requestHitRate: 2 / 3,
      },
    ]);
    expect(report.models.map((row) => [row.model, row.requests, row.cacheReadRequests, row.cachedTokens])).toEqual([
      ['gpt-4o', 1, 1, 1_500_000_000],
      ['claude', 4, 2, 1_500],
    ]);
    expect(report.totals).toMatchObject({ requests: 5, cacheReadRequests: 3, cachedTokens: 1_500_001_500 });
  });

  it('answers zeros, not NaN, for a window without traffic', async () => {
    const report = await rates().report({ viewer: admin, from: at(0), to: at(1) });
    expect(report.totals).toEqual({
      requests: 0,
      cacheReadRequests: 0,
      promptTokens: 0,
      cachedTokens: 0,
      tokenHitRate: 0,
      requestHitRate: 0,
    });
    expect(report.channels).toEqual([]);
  });

  it('is for administrators only', async () => {
    await expect(
      rates().report({ viewer: { userId: 'usr_a', role: 'user' }, from: at(9), to: at(11) }),
    ).rejects.toThrow(/administrator/);
  });
});
