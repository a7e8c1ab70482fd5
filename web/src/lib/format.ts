import i18n from './i18n';

/**
 * Display formatting in the console's current language. Times on the API are milliseconds since
 * the epoch; latency is milliseconds.
 */

function locale(): string {
  return i18n.resolvedLanguage === 'zh' ? 'zh-CN' : 'en-US';
}

/** `Nov 25, 2026, 14:03` / `2026年11月25日 14:03` */
export function formatDateTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** `Nov 25, 2026` */
export function formatDate(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(epochMs);
}

/** `14:03:07` (log rows of today). */
export function formatTime(epochMs: number): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(epochMs);
}

/** `3 minutes ago`, `in 2 days` / `3 分钟前`. */
export function formatRelative(epochMs: number | null | undefined, now: number = Date.now()): string {
  if (epochMs === null || epochMs === undefined) return '—';
  const seconds = Math.round((epochMs - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/** `1,234,567` */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale()).format(value);
}

/** Token counts, compact: `950`, `12.3K`, `4.5M` (`1.2万` in Chinese). */
export function formatTokens(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) < 1000) return String(value);
  return new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** `850 ms`, `1.24 s`, `2 min 5 s`. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `12.5%` from a ratio (0.125). */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits }).format(ratio);
}
