/**
 * When windows close, as pure functions of an instant (ms) and the operator's time zone.
 *
 * - Rolling windows (`five_hour`, `minute`) close a fixed length after the request that opened them.
 * - `day` closes at the next local midnight; `week` at the next local Monday 00:00.
 * - `period` closes at the subscription's period end (it never resets inside a period).
 * - A period of a month ends on the same day of the next month in UTC, clamped to that month's
 *   last day (Jan 31 → Feb 28/29); a week is 7 × 24 h; `days` is N × 24 h.
 * Daylight-saving shifts are honoured: local midnight is found by converting the wall time back
 * to an instant with the zone's offset at that instant.
 */
import type { PlanPeriod, WindowName } from './plan-types.js';

export const FIVE_HOURS_MS = 5 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone name (for validating the setting). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(at: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (east positive). */
function offsetAt(at: number, timeZone: string): number {
  const wall = wallTime(at, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant a local wall-clock midnight happens (twice corrected, for a DST change near it). */
function instantOfLocalMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  let at = guess - offsetAt(guess, timeZone);
  at = guess - offsetAt(at, timeZone);
  return at;
}

/** The first local midnight strictly after `now`. */
export function nextDayStart(now: number, timeZone: string): number {
  const wall = wallTime(now, timeZone);
  const tomorrow = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  return instantOfLocalMidnight(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, tomorrow.getUTCDate(), timeZone);
}

/** The first local Monday 00:00 strictly after `now`. */
export function nextWeekStart(now: number, timeZone: string): number {
  const wall = wallTime(now, timeZone);
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay(); // 0 = Sunday
  const daysToMonday = (8 - weekday) % 7 || 7;
  const monday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + daysToMonday));
  return instantOfLocalMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
}

/** When a period that starts at `start` ends. */
export function periodEnd(start: number, period: PlanPeriod): number {
  switch (period.kind) {
    case 'week':
      return start + 7 * DAY_MS;
    case 'days':
      return start + period.days * DAY_MS;
    case 'month': {
      const date = new Date(start);
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth() + 1;
      const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      const day = Math.min(date.getUTCDate(), lastDay);
      return Date.UTC(
        year,
        month,
        day,
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
        date.getUTCMilliseconds(),
      );
    }
    default: {
      const unknown: never = period;
      throw new Error(`Unknown period ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * When a window opened (or reset) by a request at `now` closes. `subscriptionEnd` bounds every
 * window: nothing is counted past the period.
 */
export function windowClosesAt(name: WindowName, now: number, timeZone: string, subscriptionEnd: number): number {
  switch (name) {
    case 'five_hour':
      return Math.min(now + FIVE_HOURS_MS, subscriptionEnd);
    case 'minute':
      return Math.min(now + MINUTE_MS, subscriptionEnd);
    case 'day':
      return Math.min(nextDayStart(now, timeZone), subscriptionEnd);
    case 'week':
      return Math.min(nextWeekStart(now, timeZone), subscriptionEnd);
    case 'period':
      return subscriptionEnd;
    default: {
      const unknown: never = name;
      throw new Error(`Unknown window ${String(unknown)}`);
    }
  }
}

/** True for windows that open at a request rather than at a calendar boundary. */
export function isRolling(name: WindowName): boolean {
  return name === 'five_hour' || name === 'minute';
}
