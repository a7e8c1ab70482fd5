/**
 * How a subscription window (GET /api/subscriptions, /api/admin/subscriptions) is shown: the share
 * used, its amounts (money in units of 1e-6 USD, tokens, requests) and when it resets. Pure
 * functions of the window, the clock and the locale (`en-US`, `zh-CN`), so the user's and the
 * administrator's pages show the same numbers; tested in window-display.test.ts.
 */
import { formatMoney } from '../../lib/money';

export type WindowUnit = 'money' | 'tokens' | 'requests';
export type WindowName = 'minute' | 'five_hour' | 'day' | 'week' | 'period';

/** The Intl locale for the console's language (`zh` → `zh-CN`, otherwise `en-US`). */
export function windowLocale(language: string): string {
  return language === 'zh' ? 'zh-CN' : 'en-US';
}

/** Windows in the order a person reads them: shortest first. */
export const WINDOW_ORDER: readonly WindowName[] = ['minute', 'five_hour', 'day', 'week', 'period'];

export function sortWindows<T extends { name: WindowName }>(windows: readonly T[]): T[] {
  return [...windows].sort((a, b) => WINDOW_ORDER.indexOf(a.name) - WINDOW_ORDER.indexOf(b.name));
}

export interface WindowNumbers {
  unit: WindowUnit;
  limit: number;
  used: number;
  reserved: number;
  /** Unix ms; null: a rolling window that the next request opens. */
  resetsAt: number | null;
}

/** The share of the limit used (0..1); in-flight holds are not counted as used. */
export function usedRatio(window: Pick<WindowNumbers, 'used' | 'limit'>): number {
  if (window.limit <= 0) return window.used > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, window.used / window.limit));
}

/**
 * Whole percent used, for the label: rounded down, except that any use shows at least 1% and only
 * a full window shows 100% (so "100%" never hides a little room, "0%" never hides some use).
 */
export function usedPercent(window: Pick<WindowNumbers, 'used' | 'limit'>): number {
  const ratio = usedRatio(window);
  if (ratio === 0) return 0;
  if (ratio >= 1) return 100;
  return Math.min(99, Math.max(1, Math.floor(ratio * 100)));
}

export interface BarSegments {
  /** Share of the bar that is used (solid), 0..1. */
  used: number;
  /** Share held by requests in flight (lighter, after the used part), 0..1; used + held ≤ 1. */
  held: number;
}

/**
 * The bar's two segments: what is used, then what requests in flight hold (not yet used: the
 * percent does not count it), clipped so the two never overflow the bar.
 */
export function barSegments(window: Pick<WindowNumbers, 'used' | 'reserved' | 'limit'>): BarSegments {
  const used = usedRatio(window);
  if (window.limit <= 0) return { used, held: 0 };
  const held = Math.min(1 - used, Math.max(0, window.reserved) / window.limit);
  return { used, held };
}

/** What is left (never negative). */
export function remaining(window: Pick<WindowNumbers, 'used' | 'limit'>): number {
  return Math.max(0, window.limit - window.used);
}

export type WindowTone = 'normal' | 'warning' | 'exhausted';

/** The bar's colour: warning from 80% used, exhausted when nothing is left. */
export function windowTone(window: Pick<WindowNumbers, 'used' | 'limit'>): WindowTone {
  const ratio = usedRatio(window);
  if (ratio >= 1) return 'exhausted';
  return ratio >= 0.8 ? 'warning' : 'normal';
}

/**
 * An amount in the window's unit, without the unit's word for tokens and requests (the caller's
 * translation adds it): `$1.25`, `$0.0042`, `12,345`, `1.2M` (`compact`).
 */
export function formatWindowAmount(
  unit: WindowUnit,
  amount: number,
  locale: string,
  options: { compact?: boolean } = {},
): string {
  switch (unit) {
    case 'money':
      return formatMoney(amount);
    case 'tokens':
    case 'requests':
      return new Intl.NumberFormat(locale, {
        notation: options.compact && Math.abs(amount) >= 10_000 ? 'compact' : 'standard',
        maximumFractionDigits: 1,
      }).format(amount);
    default: {
      const unknown: never = unit;
      throw new Error(`Unknown window unit ${String(unknown)}`);
    }
  }
}

/** Milliseconds until the window resets; null when it has no reset time (a closed rolling window). */
export function msUntilReset(resetsAt: number | null, now: number): number | null {
  if (resetsAt === null) return null;
  return Math.max(0, resetsAt - now);
}

/**
 * A duration as its two largest units, rounded up to the minute, in the locale's short unit
 * words: `4 hr, 59 min`, `2 days, 3 hr`, `1 min` (`4小时59分钟`).
 */
export function formatDuration(ms: number, locale: string): string {
  const totalMinutes = Math.max(1, Math.ceil(ms / 60_000));
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts: [Intl.NumberFormatOptions['unit'], number][] = [];
  if (days > 0) parts.push(['day', days], ['hour', hours]);
  else if (hours > 0) parts.push(['hour', hours], ['minute', minutes]);
  else parts.push(['minute', minutes]);
  const words = parts
    .filter(([, value], index) => index === 0 || value > 0)
    .map(([unit, value]) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value));
  return locale.startsWith('zh') ? words.join('') : words.join(', ');
}

/** When a window resets, as a local date and time (`Dec 6, 2026, 9:30 AM`). */
export function formatResetTime(resetsAt: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(resetsAt);
}
