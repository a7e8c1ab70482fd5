/**
 * Prices of what is billed by the unit rather than by the token: images by size and quality,
 * seconds of video by resolution, seconds of audio transcribed, characters spoken, rerank
 * searches, Midjourney actions.
 *
 * A unit key is a kind followed by qualifiers, most general first, joined by ':'
 * (`image:1024x1792:hd`, `video_second:1280x720`, `mj:upscale`). A price sheet lists the keys it
 * sells (`perUnit`); the price of a counted unit is that of the most specific key the sheet has,
 * so `image:1024x1792:hd` falls back to `image:1024x1792`, then to `image` (and for `image`, to
 * the sheet's `perImage`). A model sold by size is sold only at its sizes: once the sheet lists
 * any qualified key of a kind, a qualified key it does not cover gets no price from the bare kind
 * (sora-2 has 720p prices, so its catalog's flat per-second price does not sell it at 1792x1024).
 * A key with no price at any level is not sold: a hold that needs it is refused (unsupported size,
 * unknown action) rather than billed as free.
 */
import { z } from 'zod';
import type { PriceSheet } from './price-types.js';

/** The kinds of unit billing knows; the qualifiers after them are free-form (sizes, actions). */
export const UNIT_KINDS = ['image', 'video_second', 'audio_second', 'character', 'search', 'mj'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A well-formed unit key: a known kind, then up to three qualifiers of letters, digits, `x`, `.`, `_`, `-`. */
export const UNIT_KEY = /^(image|video_second|audio_second|character|search|mj)(:[A-Za-z0-9._-]{1,40}){0,3}$/;

export function isUnitKey(key: string): boolean {
  return UNIT_KEY.test(key);
}

/** The zod shape of a per-unit price table: well-formed unit keys, at most 200 of them. */
export function perUnitSchema<S extends z.ZodType>(price: S) {
  return z
    .record(
      z
        .string()
        .regex(UNIT_KEY, 'a unit key: image, video_second, audio_second, character, search or mj, then :qualifiers'),
      price,
    )
    .refine((table) => Object.keys(table).length <= 200, { message: 'at most 200 unit prices per model' });
}

/** Joins a kind and its qualifiers into a key, leaving out qualifiers that are absent. */
export function unitKey(kind: UnitKind, ...qualifiers: (string | undefined)[]): string {
  return [kind, ...qualifiers.filter((part): part is string => part !== undefined && part !== '')].join(':');
}

/**
 * The price of one unit of `key` (units per unit), or undefined when the sheet does not sell it.
 * Walks from the key itself to its kind; an `image` without its own entry costs `perImage`.
 */
export function unitPrice(sheet: Pick<PriceSheet, 'perUnit' | 'perImage'>, key: string): number | undefined {
  const table = sheet.perUnit;
  const kindEnd = key.indexOf(':');
  const kind = kindEnd < 0 ? key : key.slice(0, kindEnd);
  let probe = key;
  while (table) {
    const cut = probe.lastIndexOf(':');
    // At the bare kind, for a qualified key: only when the sheet sells this kind by no qualifier.
    if (cut < 0 && probe !== key && soldByQualifier(table, kind)) return undefined;
    const price = Object.hasOwn(table, probe) ? table[probe] : undefined;
    if (price !== undefined) return price;
    if (cut < 0) break;
    probe = probe.slice(0, cut);
  }
  return kind === 'image' ? sheet.perImage : undefined;
}

function soldByQualifier(table: Readonly<Record<string, number>>, kind: string): boolean {
  const prefix = `${kind}:`;
  return Object.keys(table).some((listed) => listed.startsWith(prefix));
}

/** The keys counted in `units` that the sheet does not sell (empty when every one has a price). */
export function unpricedUnits(
  sheet: Pick<PriceSheet, 'perUnit' | 'perImage'>,
  units: Readonly<Record<string, number>> | undefined,
): string[] {
  if (!units) return [];
  return Object.keys(units).filter((key) => unitPrice(sheet, key) === undefined);
}

/** Whole, positive counts only: a vendor's fractional seconds are rounded up, as vendors bill them. */
export function unitCount(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.ceil(value) : 0;
}
