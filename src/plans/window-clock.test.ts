import { describe, expect, it } from 'vitest';
import { FIVE_HOURS_MS, isTimeZone, nextDayStart, nextWeekStart, periodEnd, windowClosesAt } from './window-clock.js';

const utc = (iso: string) => Date.parse(iso);

describe('window clock', () => {
  it('closes a day at the next midnight of the operator time zone', () => {
    expect(nextDayStart(utc('2026-01-05T10:00:00Z'), 'UTC')).toBe(utc('2026-01-06T00:00:00Z'));
    // Shanghai is UTC+8: 10:00Z is 18:00 local, the next local midnight is 16:00Z.
    expect(nextDayStart(utc('2026-01-05T10:00:00Z'), 'Asia/Shanghai')).toBe(utc('2026-01-05T16:00:00Z'));
    // 17:00Z is already 01:00 on the 6th in Shanghai.
    expect(nextDayStart(utc('2026-01-05T17:00:00Z'), 'Asia/Shanghai')).toBe(utc('2026-01-06T16:00:00Z'));
    // Exactly at midnight: the NEXT midnight (a window opened at 00:00 lasts the whole day).
    expect(nextDayStart(utc('2026-01-06T00:00:00Z'), 'UTC')).toBe(utc('2026-01-07T00:00:00Z'));
  });

  it('honours daylight saving: New York midnights are 05:00Z in winter and 04:00Z in summer', () => {
    // 2026-03-08 is the spring-forward day in the US.
    expect(nextDayStart(utc('2026-03-07T12:00:00Z'), 'America/New_York')).toBe(utc('2026-03-08T05:00:00Z'));
    expect(nextDayStart(utc('2026-03-08T12:00:00Z'), 'America/New_York')).toBe(utc('2026-03-09T04:00:00Z'));
  });

  it('closes a week at the next Monday midnight', () => {
    // 2026-01-05 is a Monday.
    expect(nextWeekStart(utc('2026-01-05T10:00:00Z'), 'UTC')).toBe(utc('2026-01-12T00:00:00Z'));
    expect(nextWeekStart(utc('2026-01-11T23:59:59Z'), 'UTC')).toBe(utc('2026-01-12T00:00:00Z'));
    expect(nextWeekStart(utc('2026-01-07T10:00:00Z'), 'Asia/Shanghai')).toBe(utc('2026-01-11T16:00:00Z'));
  });

  it('ends periods: a month clamps to the last day, a week and days are whole days', () => {
    expect(periodEnd(utc('2026-01-15T08:30:00Z'), { kind: 'month' })).toBe(utc('2026-02-15T08:30:00Z'));
    expect(periodEnd(utc('2024-01-31T08:30:00Z'), { kind: 'month' })).toBe(utc('2024-02-29T08:30:00Z'));
    expect(periodEnd(utc('2026-12-31T00:00:00Z'), { kind: 'month' })).toBe(utc('2027-01-31T00:00:00Z'));
    expect(periodEnd(utc('2026-01-05T00:00:00Z'), { kind: 'week' })).toBe(utc('2026-01-12T00:00:00Z'));
    expect(periodEnd(utc('2026-01-05T00:00:00Z'), { kind: 'days', days: 3 })).toBe(utc('2026-01-08T00:00:00Z'));
  });

  it('opens a 5-hour window for 5 hours, never past the period end', () => {
    const now = utc('2026-01-05T10:00:00Z');
    expect(windowClosesAt('five_hour', now, 'UTC', now + 10 * FIVE_HOURS_MS)).toBe(now + FIVE_HOURS_MS);
    expect(windowClosesAt('five_hour', now, 'UTC', now + 1000)).toBe(now + 1000);
    expect(windowClosesAt('period', now, 'UTC', now + 99)).toBe(now + 99);
    expect(windowClosesAt('minute', now, 'UTC', now + FIVE_HOURS_MS)).toBe(now + 60_000);
  });

  it('knows time zone names', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
