import type { TimeWindow } from './api';

export type Period = '24h' | '7d' | '30d';
export const PERIODS: Period[] = ['24h', '7d', '30d'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LENGTH: Record<Period, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

/** The period ending at `now`, and the one just before it (for "vs previous"). */
export function periodWindows(period: Period, now: number): { current: TimeWindow; previous: TimeWindow } {
  const length = LENGTH[period];
  return {
    current: { from: now - length, to: now },
    previous: { from: now - 2 * length, to: now - length },
  };
}

/** Days the charts show: whole local days, at least a week so a 24-hour view still shows a trend. */
export function chartDays(period: Period): number {
  return period === '30d' ? 30 : 7;
}

/** The chart window: from local midnight `days - 1` days ago until now. */
export function chartWindow(days: number, now: number): TimeWindow {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (days - 1));
  return { from: start.getTime(), to: now };
}

/** `YYYY-MM-DD` of every local day in the chart window, oldest first (the API's day labels). */
export function dayLabels(days: number, now: number): string[] {
  const labels: string[] = [];
  const day = new Date(now);
  day.setHours(12, 0, 0, 0);
  day.setDate(day.getDate() - (days - 1));
  for (let index = 0; index < days; index++) {
    const year = day.getFullYear();
    const month = String(day.getMonth() + 1).padStart(2, '0');
    const date = String(day.getDate()).padStart(2, '0');
    labels.push(`${year}-${month}-${date}`);
    day.setDate(day.getDate() + 1);
  }
  return labels;
}

/** The relative change from `previous` to `current`; null when there is nothing to compare with. */
export function change(current: number, previous: number | undefined): number | null {
  if (previous === undefined || previous === 0) return null;
  return (current - previous) / previous;
}
