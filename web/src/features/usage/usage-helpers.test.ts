import { describe, expect, it } from 'vitest';
import { escapeHtml, formatMoneyAxis } from './chart-format';
import { csvCell, logsToCsv } from './log-csv';
import { filtersFromSearch, filtersToSearch, hasFilters } from './log-filters';
import { parseLoggedPrompt } from './logged-prompt';
import type { DailyUsageRow, RequestLog } from './types';
import { logQuery, REQUEST_ENDPOINTS } from './usage-queries';
import {
  customRangeProblem,
  dayKeys,
  localDayKey,
  parseDayKey,
  rangeFromSearch,
  rangeToSearch,
  rangeWindow,
} from './usage-range';
import { errorRate, OTHER_MODELS, perDay, shares, spendByModel, topModels } from './usage-series';

const row = (day: string, model: string, cost: number, extra: Partial<DailyUsageRow> = {}): DailyUsageRow => ({
  day,
  model,
  cost,
  requests: 1,
  errors: 0,
  promptTokens: 10,
  completionTokens: 5,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 0,
  ...extra,
});

describe('usage ranges (local days)', () => {
  it('last 7 days start at local midnight six days ago and list seven days', () => {
    const now = new Date(2026, 2, 10, 15, 30);
    const window = rangeWindow({ kind: 'preset', preset: '7d' }, now);
    expect(window.from).toBe(new Date(2026, 2, 4).getTime());
    expect(window.to).toBeUndefined();
    expect(window.days).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
  });

  it('a custom range includes its last day', () => {
    const window = rangeWindow({ kind: 'custom', fromDay: '2026-01-30', toDay: '2026-02-02' });
    expect(window.from).toBe(new Date(2026, 0, 30).getTime());
    expect(window.to).toBe(new Date(2026, 1, 3).getTime());
    expect(window.days).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  });

  it('validates day keys and custom ranges', () => {
    expect(parseDayKey('2026-02-30')).toBeUndefined();
    expect(parseDayKey('nope')).toBeUndefined();
    expect(localDayKey(parseDayKey('2024-02-29') as Date)).toBe('2024-02-29');
    expect(customRangeProblem('2026-03-02', '2026-03-01')).toBe('order');
    expect(customRangeProblem('2024-01-01', '2026-01-01')).toBe('tooLong');
    expect(customRangeProblem('', '2026-01-01')).toBe('invalid');
    expect(customRangeProblem('2026-01-01', '2026-01-01')).toBeUndefined();
    expect(dayKeys(new Date(2026, 0, 1), new Date(2026, 0, 1))).toEqual(['2026-01-01']);
  });

  it('round-trips through the query string, defaulting to 30 days', () => {
    expect(rangeFromSearch(new URLSearchParams())).toEqual({ kind: 'preset', preset: '30d' });
    expect(rangeFromSearch(new URLSearchParams('range=90d'))).toEqual({ kind: 'preset', preset: '90d' });
    expect(rangeFromSearch(new URLSearchParams('range=5y'))).toEqual({ kind: 'preset', preset: '30d' });
    expect(rangeFromSearch(new URLSearchParams('from=2026-03-05&to=2026-03-01'))).toEqual({
      kind: 'preset',
      preset: '30d',
    });
    const custom = { kind: 'custom', fromDay: '2026-03-01', toDay: '2026-03-05' } as const;
    const search = rangeToSearch(custom, new URLSearchParams('user=u1&range=7d'));
    expect(search.toString()).toBe('user=u1&from=2026-03-01&to=2026-03-05');
    expect(rangeFromSearch(search)).toEqual(custom);
    expect(rangeToSearch({ kind: 'preset', preset: '30d' }, search).toString()).toBe('user=u1');
  });
});

describe('usage series', () => {
  const days = ['2026-03-01', '2026-03-02', '2026-03-03'];

  it('stacks spend by the top models and groups the rest as other, with zeros for quiet days', () => {
    const rows = [
      row('2026-03-01', 'a', 500),
      row('2026-03-03', 'a', 100),
      row('2026-03-01', 'b', 300),
      row('2026-03-02', 'c', 50),
      row('2026-03-02', 'd', 20),
      row('2026-03-02', 'free', 0),
    ];
    expect(spendByModel(rows, days, 2)).toEqual([
      { name: 'a', values: [500, 0, 100] },
      { name: 'b', values: [300, 0, 0] },
      { name: OTHER_MODELS, values: [0, 70, 0] },
    ]);
  });

  it('names a single leftover model instead of calling it other, and skips models that cost nothing', () => {
    const rows = [row('2026-03-01', 'a', 5), row('2026-03-01', 'b', 3), row('2026-03-02', 'failed', 0)];
    expect(spendByModel(rows, days, 1).map((series) => series.name)).toEqual(['a', 'b']);
    expect(topModels([], 3)).toEqual([]);
  });

  it('sums per day, and ignores days outside the window', () => {
    const rows = [
      row('2026-03-01', 'a', 1, { requests: 3, errors: 1 }),
      row('2026-03-01', 'b', 1, { requests: 2 }),
      row('2026-02-28', 'a', 1, { requests: 9 }),
    ];
    expect(perDay(rows, days, (entry) => entry.requests)).toEqual([5, 0, 0]);
    expect(perDay(rows, days, (entry) => entry.errors)).toEqual([1, 0, 0]);
  });

  it('computes the error rate and shares', () => {
    expect(errorRate({ requests: 0, errors: 0 })).toBeNull();
    expect(errorRate({ requests: 4, errors: 1 })).toBe(0.25);
    const models = [row('x', 'a', 300), row('x', 'b', 100)];
    expect([...shares(models).entries()]).toEqual([
      ['a', 0.75],
      ['b', 0.25],
    ]);
    // Nothing spent: shares of requests.
    const free = [row('x', 'a', 0, { requests: 1 }), row('x', 'b', 0, { requests: 3 })];
    expect(shares(free).get('b')).toBe(0.75);
  });
});

describe('chart formatting', () => {
  it('escapes model names for HTML tooltips', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;');
  });

  it('labels money axes compactly', () => {
    expect(formatMoneyAxis(0)).toBe('$0');
    expect(formatMoneyAxis(2_000)).toBe('$0.002');
    expect(formatMoneyAxis(500_000)).toBe('$0.50');
    expect(formatMoneyAxis(25_400_000)).toBe('$25');
    expect(formatMoneyAxis(1_500_000_000)).toBe('$1.5K');
  });
});

describe('log filters and CSV', () => {
  it('reads filters from the query string (user only for admins) and maps them to the API', () => {
    const search = new URLSearchParams('since=24h&model=gpt-4o&key=playground&status=error&user=u1&bogus=1');
    expect(filtersFromSearch(search, false)).toEqual({
      since: '24h',
      model: 'gpt-4o',
      key: 'playground',
      status: 'error',
      userId: undefined,
    });
    const admin = filtersFromSearch(search, true);
    expect(filtersToSearch(admin).toString()).toBe('since=24h&model=gpt-4o&key=playground&status=error&user=u1');
    expect(logQuery(admin, 100_000_000)).toEqual({
      from: 100_000_000 - 86_400_000,
      model: 'gpt-4o',
      keyKind: 'playground',
      keyId: undefined,
      status: 'error',
      userId: 'u1',
    });
    expect(logQuery({ key: 'key_1' })).toMatchObject({ keyId: 'key_1', keyKind: undefined, from: undefined });
    expect(filtersFromSearch(new URLSearchParams('since=1y&status=maybe'), true)).toEqual({
      since: undefined,
      model: undefined,
      key: undefined,
      status: undefined,
      userId: undefined,
    });
  });

  it('keeps generations, token counts or embeddings in the query string and passes them to the API', () => {
    for (const endpoint of ['generate', 'count_tokens', 'embeddings'] as const) {
      const filters = filtersFromSearch(new URLSearchParams(`endpoint=${endpoint}&api=anthropic-messages`), false);
      expect(filters).toMatchObject({ endpoint, api: 'anthropic-messages' });
      expect(filtersToSearch(filters).toString()).toBe(`api=anthropic-messages&endpoint=${endpoint}`);
      expect(logQuery(filters)).toMatchObject({ endpoint, api: 'anthropic-messages' });
      expect(hasFilters(filters)).toBe(true);
    }
    // An endpoint the console does not know (a typo, an old link) is no filter at all.
    for (const search of ['endpoint=countTokens', 'endpoint=', 'endpoint=GENERATE']) {
      const filters = filtersFromSearch(new URLSearchParams(search), false);
      expect(filters.endpoint).toBeUndefined();
      expect(hasFilters(filters)).toBe(false);
      expect(logQuery(filters).endpoint).toBeUndefined();
    }
    expect(REQUEST_ENDPOINTS).toEqual([
      'generate',
      'count_tokens',
      'embeddings',
      'images',
      'video',
      'midjourney',
      'speech',
      'transcription',
      'rerank',
    ]);
  });

  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });

  it('keeps an admin’s key group filter in the query string and passes it to the API; users have none', () => {
    const admin = filtersFromSearch(new URLSearchParams('group=vip&model=gpt-4o'), true);
    expect(admin).toMatchObject({ keyGroup: 'vip', model: 'gpt-4o' });
    expect(filtersToSearch(admin).toString()).toBe('model=gpt-4o&group=vip');
    expect(logQuery(admin)).toMatchObject({ keyGroup: 'vip', model: 'gpt-4o' });
    expect(hasFilters(filtersFromSearch(new URLSearchParams('group=vip'), true))).toBe(true);
    const user = filtersFromSearch(new URLSearchParams('group=vip'), false);
    expect(user.keyGroup).toBeUndefined();
    expect(hasFilters(user)).toBe(false);
    expect(logQuery(user).keyGroup).toBeUndefined();
  });

  it('exports one line per row with dollars and the key name', () => {
    const log: RequestLog = {
      id: 'req_1',
      createdAt: Date.UTC(2026, 2, 1, 12),
      userId: 'u1',
      keyId: 'k1',
      keyKind: 'standard',
      keyGroup: 'vip',
      surface: 'openai-chat',
      endpoint: 'generate',
      units: null,
      modelRequested: 'gpt-4o',
      modelServed: 'gpt-4o-2024',
      provider: 'openai',
      channel: null,
      status: 200,
      stream: true,
      attempts: 1,
      promptTokens: 10,
      completionTokens: 20,
      cachedTokens: 0,
      cacheWriteTokens: 5,
      cacheWrite1hTokens: 3,
      reasoningTokens: 0,
      webSearchCalls: 0,
      usageEstimated: false,
      cost: 1_234,
      planDrawn: 0,
      upstreamCost: null,
      hedgeOverhead: null,
      latencyMs: 300,
      ttftMs: 120,
      finishReason: 'stop',
      errorCode: null,
      errorMessage: null,
      clientIp: null,
      prompt: null,
      output: null,
      attemptsDetail: null,
      cachedResponse: false,
    };
    const csv = logsToCsv([log], () => ({ kind: 'key', name: 'prod, main' }));
    const [header, line] = csv.trim().split('\r\n');
    expect(header.split(',')).toHaveLength(26);
    expect(header).toContain(',key,key_group,status,');
    expect(header.endsWith(',api,endpoint')).toBe(true);
    expect(header).toContain('cached_tokens,cache_write_tokens,cache_write_1h_tokens,reasoning_tokens');
    expect(line).toBe(
      'req_1,2026-03-01T12:00:00.000Z,gpt-4o,gpt-4o-2024,openai,,"prod, main",vip,200,,,true,false,10,20,0,5,3,0,0.001234,0,300,120,1,openai-chat,generate',
    );
    // A token count says so in its own column: its zero cost is not a free generation.
    const count: RequestLog = { ...log, id: 'req_2', endpoint: 'count_tokens', surface: 'anthropic-messages', cost: 0 };
    const countLine = logsToCsv([count], () => ({ kind: 'key', name: 'k' }))
      .trim()
      .split('\r\n')[1];
    expect(countLine.endsWith(',0,0,300,120,1,anthropic-messages,count_tokens')).toBe(true);
  });
});

describe('logged prompts', () => {
  it('splits the logged messages, and leaves other text alone', () => {
    expect(
      parseLoggedPrompt(
        JSON.stringify([
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hello' },
              { type: 'image_url', image_url: { url: 'x' } },
            ],
          },
        ]),
      ),
    ).toEqual([
      { role: 'system', text: 'Be brief.' },
      { role: 'user', text: 'Hello\n{"type":"image_url","image_url":{"url":"x"}}' },
    ]);
    expect(parseLoggedPrompt('plain text')).toBeUndefined();
    expect(parseLoggedPrompt('{"a":1}')).toBeUndefined();
  });
});
