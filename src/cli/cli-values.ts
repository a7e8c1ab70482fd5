/**
 * The values operators type and read: dollars (exact decimals, never floats: 1 unit = 1e-6 USD,
 * billing/money.ts), times and durations. A value that does not parse is a UsageError (exit 2).
 */
import { UNITS_PER_USD } from '../billing/money.js';
import { UsageError } from './usage-error.js';

const USD = /^(-)?\$?(\d{1,12})(?:\.(\d{1,6}))?$/;

/** `"12.5"`, `"$0.20"`, `"-3"` → exact units. More than six decimals would round: refused. */
export function parseUsd(text: string, what: string, options: { allowNegative?: boolean } = {}): number {
  const match = USD.exec(text.trim());
  if (!match) {
    throw new UsageError(`${what} must be a dollar amount with at most 6 decimals (e.g. 12.5), got '${text}'.`);
  }
  const [, negative, whole = '0', fraction = ''] = match;
  const units = Number(whole) * UNITS_PER_USD + Number(fraction.padEnd(6, '0'));
  if (negative && !options.allowNegative) throw new UsageError(`${what} must not be negative, got '${text}'.`);
  return negative ? -units : units;
}

/** Units as an exact decimal dollar string without the sign's `$` (`12.500000`): for tables and JSON. */
export function usdText(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  return `${sign}${Math.floor(abs / UNITS_PER_USD)}.${String(abs % UNITS_PER_USD).padStart(6, '0')}`;
}

/** A whole number within bounds (`--count 100`). */
export function parseWhole(text: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${what} must be a whole number, got '${text}'.`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`${what} must be between ${min} and ${max}, got ${value}.`);
  return value;
}

const DURATION = /^(\d+)(m|h|d|w)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/**
 * A moment in the past, given as a duration back from now (`30d`, `12h`, `90m`, `2w`) or a date
 * (`2026-01-31`, midnight UTC) or an ISO timestamp (`2026-01-31T12:00:00Z`).
 */
export function parseCutoff(text: string, what: string, now: number): number {
  const value = text.trim();
  const duration = DURATION.exec(value);
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) || /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const at = Date.parse(/T/.test(value) ? value : `${value}T00:00:00Z`);
    if (Number.isFinite(at)) return at;
  }
  throw new UsageError(
    `${what} must be a duration (30d, 12h, 90m, 2w) or a date (2026-01-31 or 2026-01-31T12:00:00Z), got '${text}'.`,
  );
}

/** A moment in the future, the same forms as parseCutoff but counted forward (`--expires 30d`). */
export function parseFuture(text: string, what: string, now: number): number {
  const value = text.trim();
  const duration = DURATION.exec(value);
  if (duration) return now + Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
  const at = parseCutoff(value, what, now);
  if (at <= now) throw new UsageError(`${what} must be in the future, got '${text}'.`);
  return at;
}

/** `2026-01-31 12:00:00Z`, or `-` for none. */
export function timeText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** One of a fixed set of words (`--role admin`). */
export function parseChoice<T extends string>(text: string, what: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${what} must be one of ${choices.join(', ')}, got '${text}'.`);
}
