import { describe, expect, it } from 'vitest';
import {
  barSegments,
  formatDuration,
  formatResetTime,
  formatWindowAmount,
  msUntilReset,
  remaining,
  sortWindows,
  usedPercent,
  usedRatio,
  windowLocale,
  windowTone,
} from './window-display';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('window display', () => {
  it('computes the share used, clamped, with a zero limit counted as full once used', () => {
    expect(usedRatio({ used: 250_000, limit: 1_000_000 })).toBe(0.25);
    expect(usedRatio({ used: 2_000, limit: 1_000 })).toBe(1);
    expect(usedRatio({ used: 0, limit: 0 })).toBe(0);
    expect(usedRatio({ used: 5, limit: 0 })).toBe(1);
  });

  it('shows at least 1% for any use and 100% only when full', () => {
    expect(usedPercent({ used: 0, limit: 100 })).toBe(0);
    expect(usedPercent({ used: 1, limit: 1_000_000 })).toBe(1);
    expect(usedPercent({ used: 999_999, limit: 1_000_000 })).toBe(99);
    expect(usedPercent({ used: 1_000_000, limit: 1_000_000 })).toBe(100);
    expect(usedPercent({ used: 425, limit: 1000 })).toBe(42);
  });

  it('counts only what is used in the percent and the tone, whatever requests in flight hold', () => {
    const busy = { used: 700, reserved: 250, limit: 1000 };
    expect(usedPercent(busy)).toBe(70);
    expect(windowTone(busy)).toBe('normal');
  });

  it('draws what is used, then what requests in flight hold, never past the end', () => {
    expect(barSegments({ used: 250, reserved: 0, limit: 1000 })).toEqual({ used: 0.25, held: 0 });
    expect(barSegments({ used: 250, reserved: 100, limit: 1000 })).toEqual({ used: 0.25, held: 0.1 });
    expect(barSegments({ used: 900, reserved: 400, limit: 1000 })).toEqual({ used: 0.9, held: expect.closeTo(0.1) });
    expect(barSegments({ used: 1200, reserved: 50, limit: 1000 })).toEqual({ used: 1, held: 0 });
    expect(barSegments({ used: 0, reserved: 5, limit: 0 })).toEqual({ used: 0, held: 0 });
    expect(barSegments({ used: 0, reserved: -3, limit: 10 })).toEqual({ used: 0, held: 0 });
  });

  it('orders windows shortest first', () => {
    expect(sortWindows([{ name: 'period' }, { name: 'day' }, { name: 'minute' }, { name: 'five_hour' }])).toEqual([
      { name: 'minute' },
      { name: 'five_hour' },
      { name: 'day' },
      { name: 'period' },
    ]);
  });

  it('picks the Intl locale of the console language', () => {
    expect(windowLocale('zh')).toBe('zh-CN');
    expect(windowLocale('en')).toBe('en-US');
  });

  it('tells what is left and colours the bar by it', () => {
    expect(remaining({ used: 300, limit: 1000 })).toBe(700);
    expect(remaining({ used: 1300, limit: 1000 })).toBe(0);
    expect(windowTone({ used: 799, limit: 1000 })).toBe('normal');
    expect(windowTone({ used: 800, limit: 1000 })).toBe('warning');
    expect(windowTone({ used: 1000, limit: 1000 })).toBe('exhausted');
  });

  it('formats money as dollars and tokens as numbers', () => {
    expect(formatWindowAmount('money', 5_000_000, 'en-US')).toBe('$5.00');
    expect(formatWindowAmount('money', 4_200, 'en-US')).toBe('$0.0042');
    expect(formatWindowAmount('tokens', 12_345, 'en-US')).toBe('12,345');
    expect(formatWindowAmount('tokens', 1_234_567, 'en-US', { compact: true })).toBe('1.2M');
    expect(formatWindowAmount('tokens', 950, 'en-US', { compact: true })).toBe('950');
    expect(formatWindowAmount('requests', 60, 'zh-CN')).toBe('60');
  });

  it('counts down to the reset, and has none for a closed rolling window', () => {
    expect(msUntilReset(null, 1000)).toBeNull();
    expect(msUntilReset(5000, 1000)).toBe(4000);
    expect(msUntilReset(500, 1000)).toBe(0);
  });

  it('formats durations as their two largest units, rounded up to the minute', () => {
    expect(formatDuration(5 * HOUR, 'en-US')).toBe('5 hr');
    expect(formatDuration(5 * HOUR - 30_000, 'en-US')).toBe('5 hr');
    expect(formatDuration(4 * HOUR + 59 * MINUTE, 'en-US')).toBe('4 hr, 59 min');
    expect(formatDuration(2 * 24 * HOUR + 3 * HOUR, 'en-US')).toBe('2 days, 3 hr');
    expect(formatDuration(10_000, 'en-US')).toBe('1 min');
    expect(formatDuration(0, 'en-US')).toBe('1 min');
    expect(formatDuration(4 * HOUR + 59 * MINUTE, 'zh-CN')).toBe('4小时59分钟');
  });

  it('formats the reset time in the given zone', () => {
    expect(formatResetTime(Date.UTC(2026, 11, 6, 9, 30), 'en-US', 'UTC')).toBe('Dec 6, 2026, 9:30 AM');
  });
});
