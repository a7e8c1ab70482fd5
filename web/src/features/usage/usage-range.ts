/**
 * Date ranges of the usage page, in the browser's time zone: "last 7 days" is today and the six
 * days before it, from local midnight. The API takes epoch ms and `tzOffsetMinutes` for its day
 * buckets.
 */

export const RANGE_PRESETS = ['7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const PRESET_DAYS: Record<RangePreset, number> = { '7d': 7, '30d': 30, '90d': 90 };
/** The server refuses windows longer than this (MAX_USAGE_WINDOW_DAYS). */
export const MAX_RANGE_DAYS = 400;

export type UsageRange =
  | { kind: 'preset'; preset: RangePreset }
  /** Inclusive local days, `YYYY-MM-DD`. */
  | { kind: 'custom'; fromDay: string; toDay: string };

export interface RangeWindow {
  /** Epoch ms, inclusive: local midnight of the first day. */
  from: number;
  /** Epoch ms, exclusive; undefined = now (the server's default). */
  to?: number;
  /** The local days the window covers, oldest first (for the x axis). */
  days: string[];
}

/** Minutes east of UTC, as the API wants them (UTC+8 → 480). */
export function browserTzOffsetMinutes(date: Date = new Date()): number {
  return -date.getTimezoneOffset();
}

/** `YYYY-MM-DD` of a local date. */
export function localDayKey(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Local midnight of a `YYYY-MM-DD` day; undefined when it is not a valid date. */
export function parseDayKey(key: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return localDayKey(date) === key ? date : undefined;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** Every local day from `first` to `last`, inclusive. */
export function dayKeys(first: Date, last: Date): string[] {
  const keys: string[] = [];
  for (let day = addDays(first, 0); day.getTime() <= last.getTime() && keys.length <= MAX_RANGE_DAYS; ) {
    keys.push(localDayKey(day));
    day = addDays(day, 1);
  }
  return keys;
}

/** The window of a range at `now`. */
export function rangeWindow(range: UsageRange, now: Date = new Date()): RangeWindow {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (range.kind === 'preset') {
    const first = addDays(today, -(PRESET_DAYS[range.preset] - 1));
    return { from: first.getTime(), days: dayKeys(first, today) };
  }
  const first = parseDayKey(range.fromDay) ?? today;
  const last = parseDayKey(range.toDay) ?? today;
  return { from: first.getTime(), to: addDays(last, 1).getTime(), days: dayKeys(first, last) };
}

/** Why a custom range cannot be used, or undefined when it can. */
export function customRangeProblem(fromDay: string, toDay: string): 'invalid' | 'order' | 'tooLong' | undefined {
  const first = parseDayKey(fromDay);
  const last = parseDayKey(toDay);
  if (!first || !last) return 'invalid';
  if (first.getTime() > last.getTime()) return 'order';
  if (dayKeys(first, last).length > MAX_RANGE_DAYS) return 'tooLong';
  return undefined;
}

/** The range in the page's query string (`?range=30d`, `?from=2026-01-01&to=2026-01-31`). */
export function rangeFromSearch(search: URLSearchParams): UsageRange {
  const fromDay = search.get('from');
  const toDay = search.get('to');
  if (fromDay && toDay && !customRangeProblem(fromDay, toDay)) return { kind: 'custom', fromDay, toDay };
  const preset = search.get('range');
  return {
    kind: 'preset',
    preset: (RANGE_PRESETS as readonly string[]).includes(preset ?? '') ? (preset as RangePreset) : '30d',
  };
}

export function rangeToSearch(range: UsageRange, search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete('range');
  next.delete('from');
  next.delete('to');
  if (range.kind === 'custom') {
    next.set('from', range.fromDay);
    next.set('to', range.toDay);
  } else if (range.preset !== '30d') {
    next.set('range', range.preset);
  }
  return next;
}

/** A short axis label for a day key: `Mar 5` / `3月5日`. */
export function formatDayLabel(key: string, locale: string): string {
  const date = parseDayKey(key);
  if (!date) return key;
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(date);
}
