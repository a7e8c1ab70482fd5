import type { AdminKeyGroup, KeyGroupsBody } from './api';

/** One editable row of the key groups card: text as typed. */
export interface KeyGroupRow {
  id: number;
  name: string;
  description: string;
  /** The multiplier as typed: `1.5` for 1.5×. */
  multiplier: string;
  selectable: boolean;
}

export type KeyGroupRowError = 'name' | 'duplicate' | 'multiplier';

let nextRowId = 1;

export function rowsFromGroups(groups: AdminKeyGroup[]): KeyGroupRow[] {
  return groups.map((group) => ({
    id: nextRowId++,
    name: group.name,
    description: group.description,
    multiplier: String(group.multiplierPpm / 1_000_000),
    selectable: group.selectable,
  }));
}

export function emptyRow(): KeyGroupRow {
  return { id: nextRowId++, name: '', description: '', multiplier: '1', selectable: true };
}

/** `1.5` → 1,500,000 ppm; undefined unless 0-1000 with at most 6 decimals (the server's rule). */
export function parseMultiplier(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,6})?$/.test(trimmed)) return undefined;
  const ppm = Math.round(Number(trimmed) * 1_000_000);
  return ppm <= 1_000 * 1_000_000 ? ppm : undefined;
}

/** The PUT body, or the problems per row (names as channels and price rules take them, unique). */
export function groupsBody(rows: KeyGroupRow[]): { body?: KeyGroupsBody; errors: Record<number, KeyGroupRowError> } {
  const errors: Record<number, KeyGroupRowError> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) errors[row.id] = 'name';
    else if (seen.has(name)) errors[row.id] = 'duplicate';
    else if (parseMultiplier(row.multiplier) === undefined) errors[row.id] = 'multiplier';
    seen.add(name);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    body: {
      groups: rows.map((row) => ({
        name: row.name.trim(),
        description: row.description.trim(),
        selectable: row.selectable,
        multiplierPpm: parseMultiplier(row.multiplier)!,
      })),
    },
  };
}
