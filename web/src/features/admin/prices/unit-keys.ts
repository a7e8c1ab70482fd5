/**
 * Per-unit price keys as the console shows and checks them. A key is a kind, then qualifiers, most
 * general first (`image:1024x1792:hd`, `video_second:1280x720`, `mj:imagine`); the server's rule for
 * a well-formed key (src/billing/unit-prices.ts UNIT_KEY) is served by GET /api/admin/prices/unit-keys
 * and compiled here, never restated, so a key the dialog accepts is one the PUT accepts.
 */
import { useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';

export type UnitKeyRule = ApiResponse<'/api/admin/prices/unit-keys', 'get'>;
export type UnitKind = UnitKeyRule['kinds'][number];

export function useUnitKeyRule() {
  return useQuery({
    queryKey: ['admin', 'prices', 'unit-keys'],
    queryFn: ({ signal }) => api.get<UnitKeyRule>('/api/admin/prices/unit-keys', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A test for typed keys from the served pattern; undefined until it has arrived (the server still checks). */
export function unitKeyTest(rule: Pick<UnitKeyRule, 'pattern'> | undefined): ((key: string) => boolean) | undefined {
  if (!rule) return undefined;
  const pattern = new RegExp(rule.pattern);
  return (key) => pattern.test(key);
}

const PER_UNIT_KINDS = ['image', 'video_second', 'audio_second', 'character', 'search', 'mj'] as const;
const QUALITIES = ['standard', 'hd', 'low', 'medium', 'high', 'auto'] as const;
const MJ_ACTIONS = [
  'imagine',
  'variation',
  'reroll',
  'zoom',
  'pan',
  'blend',
  'modal',
  'upscale',
  'describe',
  'shorten',
] as const;
export type UnitQuality = (typeof QUALITIES)[number];
export type MidjourneyAction = (typeof MJ_ACTIONS)[number];
type LabelKind = (typeof PER_UNIT_KINDS)[number];

/** The words a label is built from, in the reader's language (the page passes its translations). */
export interface UnitWords {
  kind(kind: LabelKind): string;
  quality(quality: UnitQuality): string;
  action(action: MidjourneyAction): string;
  /** "Midjourney imagine": the kind's name around the action. */
  midjourney(action: string): string;
  /** "per image", "per second". */
  per(kind: LabelKind): string;
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => list.includes(value as T);

/** `1024x1792` → `1024×1792`; other qualifiers as typed. */
function qualifierText(part: string, words: UnitWords): string {
  if (/^\d+x\d+$/.test(part)) return part.replace('x', '×');
  if (isOneOf(QUALITIES, part)) return words.quality(part);
  return part;
}

/**
 * A readable name for a unit key and the unit it is priced per: `image:1024x1792:hd` →
 * "Image 1024×1792 HD", "per image"; `mj:imagine` → "Midjourney imagine", "per action". A kind
 * the console does not know yet is shown as its key.
 */
export function unitLabel(key: string, words: UnitWords): { name: string; per: string | undefined } {
  const [kind = '', ...qualifiers] = key.split(':');
  if (!isOneOf(PER_UNIT_KINDS, kind)) return { name: key, per: undefined };
  if (kind === 'mj') {
    const action = qualifiers.join(':');
    const name = action
      ? words.midjourney(isOneOf(MJ_ACTIONS, action) ? words.action(action) : action)
      : words.kind(kind);
    return { name, per: words.per(kind) };
  }
  const name = [words.kind(kind), ...qualifiers.map((part) => qualifierText(part, words))].join(' ');
  return { name, per: words.per(kind) };
}

/** Unit keys sorted for display: by kind in billing's order, then as text (sizes group together). */
export function sortedUnitKeys(keys: Iterable<string>): string[] {
  const rank = (key: string) => {
    const index = PER_UNIT_KINDS.indexOf(key.split(':')[0] as LabelKind);
    return index < 0 ? PER_UNIT_KINDS.length : index;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true }));
}

/** One per-unit price being edited: the key and the dollars typed (empty: not sold). */
export interface UnitRow {
  key: string;
  price: string;
}

/** A rule's per-unit prices as form rows (dollars as typed, via `toText`), in display order. */
export function unitRowsFrom(
  perUnit: Readonly<Record<string, number>> | null | undefined,
  toText: (units: number) => string,
): UnitRow[] {
  if (!perUnit) return [];
  return sortedUnitKeys(Object.keys(perUnit)).map((key) => ({ key, price: toText(perUnit[key] ?? 0) }));
}

/** The rows plus an empty one for each official key they lack (the model's own units, to fill in). */
export function withOfficialUnits(
  rows: readonly UnitRow[],
  official: Readonly<Record<string, number>> | null | undefined,
): UnitRow[] {
  const have = new Set(rows.map((row) => row.key));
  const missing = Object.keys(official ?? {}).filter((key) => !have.has(key));
  if (missing.length === 0) return [...rows];
  const prices = new Map(rows.map((row) => [row.key, row.price]));
  return sortedUnitKeys([...have, ...missing]).map((key) => ({ key, price: prices.get(key) ?? '' }));
}
