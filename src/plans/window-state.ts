/**
 * A window's numbers as of an instant, and what a hold needs of it: pure, so the rule the
 * database's conditional UPDATE applies (plan-holds.ts) is written once more here for reading.
 */
import type { WindowName, WindowUnit } from './plan-types.js';

export interface WindowRow {
  name: WindowName;
  unit: WindowUnit;
  limit: number;
  used: number;
  reserved: number;
  /** <= now: closed; the next hold opens it with used = 0. */
  resetsAt: number;
}

/** What a request holds or spends, per unit. */
export interface Draw {
  money: number;
  tokens: number;
  requests: number;
}

export function amountFor(unit: WindowUnit, draw: Draw): number {
  switch (unit) {
    case 'money':
      return draw.money;
    case 'tokens':
      return draw.tokens;
    case 'requests':
      return draw.requests;
    default: {
      const unknown: never = unit;
      throw new Error(`Unknown window unit ${String(unknown)}`);
    }
  }
}

export function isOpen(window: Pick<WindowRow, 'resetsAt'>, now: number): boolean {
  return window.resetsAt > now;
}

/** Used in the current window: 0 once it has closed. */
export function usedNow(window: WindowRow, now: number): number {
  return isOpen(window, now) ? window.used : 0;
}

export function fits(window: WindowRow, draw: Draw, now: number): boolean {
  return usedNow(window, now) + window.reserved + amountFor(window.unit, draw) <= window.limit;
}

/**
 * When a refused window could take the hold again. Open: when it closes (its usage resets then).
 * Closed, only requests in flight fill it: soon (they finish within minutes). Closed and the hold
 * alone exceeds the limit: it never fits, so the answer is when a window opened now would close
 * (`freshCloseAt`), a retry time that does not invite a client to retry every second.
 */
export function reopensAt(window: WindowRow, draw: Draw, now: number, freshCloseAt: number): number {
  if (isOpen(window, now)) return window.resetsAt;
  return amountFor(window.unit, draw) <= window.limit ? now + 1000 : freshCloseAt;
}
