import { type RawBuilder, sql } from 'kysely';

export const DAY_MS = 86_400_000;
/** UTC-12 … UTC+14. */
export const MIN_TZ_OFFSET_MINUTES = -720;
export const MAX_TZ_OFFSET_MINUTES = 840;

/**
 * The local day number (days since 1970-01-01 in the zone `tzOffsetMinutes` east of UTC) of
 * `created_at`, in SQL that both dialects evaluate the same way: bigint + bigint, divided by an
 * integer literal, is integer division on SQLite and PostgreSQL alike. The offset is cast because
 * better-sqlite3 binds JS numbers as REAL, which would turn the division into a float one.
 * Truncation equals floor because log times are after 1970.
 */
export function dayNumberSql(tzOffsetMinutes: number): RawBuilder<number> {
  const offsetMs = Math.trunc(tzOffsetMinutes) * 60_000;
  return sql<number>`((request_logs.created_at + cast(${offsetMs} as bigint)) / ${sql.lit(DAY_MS)})`;
}

/** `YYYY-MM-DD` of a day number. */
export function dayLabel(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The epoch ms at which local day `dayNumber` starts in the zone. */
export function dayStart(dayNumber: number, tzOffsetMinutes: number): number {
  return dayNumber * DAY_MS - tzOffsetMinutes * 60_000;
}
