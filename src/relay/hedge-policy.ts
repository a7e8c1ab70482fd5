import { z } from 'zod';
import { GatewayError } from '../ir/index.js';

/**
 * When a request is hedged (relay/hedged-attempts.ts), and after how long: the operator's setting
 * per key group, and the caller's `x-aihub-hedge` header. Pure: the relay passes in the route's
 * measured 95th percentile time to first byte.
 *
 * A hedge costs the operator the losing channel's prompt, so it is off unless the operator turned
 * it on for the caller's group, or the caller asked with the header (which the operator may
 * refuse to honour). A caller's delay is floored at MIN_HEDGE_DELAY_MS: a hedge after 1 ms would
 * send every request twice.
 */

export const HEDGE_HEADER = 'x-aihub-hedge';
export const MIN_HEDGE_DELAY_MS = 50;
export const MAX_HEDGE_DELAY_MS = 60_000;

const delayMs = z.int().min(MIN_HEDGE_DELAY_MS).max(MAX_HEDGE_DELAY_MS);

/** A group's hedge: after its route's p95 time to first byte, or after fixed milliseconds. */
const hedgeDelaySchema = z.union([z.literal('p95'), delayMs]);

export const hedgingSettingsSchema = z.object({
  /** Key group (or `*` for every group) → when to hedge its requests. Absent: not hedged. */
  groups: z.record(z.string().trim().min(1).max(64), hedgeDelaySchema).default({}),
  /** Honour callers' `x-aihub-hedge` header (default on: the caller chooses per request). */
  requestHeader: z.boolean().default(true),
  /** The wait for `p95` while a route has too few answers to measure one. */
  defaultDelayMs: delayMs.default(2_000),
});

export type HedgingSettings = z.output<typeof hedgingSettingsSchema>;
export type HedgeDelay = z.output<typeof hedgeDelaySchema>;

/** What the caller's header asks: a delay, the route's p95, explicitly none, or nothing said. */
export type HedgeAsk = { delayMs: number } | 'p95' | 'off' | undefined;

/** Reads `x-aihub-hedge`: milliseconds, `p95` (or `auto`), or `off` (or `0`). 400 on anything else. */
export function parseHedgeHeader(value: string | string[] | undefined): HedgeAsk {
  if (value === undefined) return undefined;
  const text = (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase() ?? '';
  if (text === 'p95' || text === 'auto') return 'p95';
  if (text === 'off' || text === '0') return 'off';
  if (/^\d{1,6}$/.test(text)) {
    const ms = Number(text);
    return { delayMs: Math.min(Math.max(ms, MIN_HEDGE_DELAY_MS), MAX_HEDGE_DELAY_MS) };
  }
  throw new GatewayError({
    kind: 'invalid_request',
    message: `The ${HEDGE_HEADER} header must be milliseconds (${MIN_HEDGE_DELAY_MS} to ${MAX_HEDGE_DELAY_MS}), 'p95' or 'off'.`,
    param: HEDGE_HEADER,
    code: 'invalid_hedge',
  });
}

/**
 * How a request is hedged, decided before its first attempt: undefined when it is not, else the
 * delay (fixed, or the first route's p95 when its attempt starts).
 */
export function hedgePlan(ask: HedgeAsk, settings: HedgingSettings, group: string): HedgeDelay | undefined {
  if (ask === 'off') return undefined;
  if (ask !== undefined && settings.requestHeader) return ask === 'p95' ? 'p95' : ask.delayMs;
  return Object.hasOwn(settings.groups, group) ? settings.groups[group] : settings.groups['*'];
}

/** The wait before the hedge of an attempt on a route whose p95 is `p95` (undefined: unmeasured). */
export function hedgeWait(delay: HedgeDelay, p95: number | undefined, settings: HedgingSettings): number {
  if (delay !== 'p95') return delay;
  return Math.min(Math.max(Math.round(p95 ?? settings.defaultDelayMs), MIN_HEDGE_DELAY_MS), MAX_HEDGE_DELAY_MS);
}
