/**
 * Plans and windows as the console reads them. Pure: the caller formats money, tokens and times
 * in the person's language.
 */
import type { AllowanceWindow, Plan, SubscriptionWindow, WindowName } from './plan-types';

/** Windows in the order a person reads them: shortest first. */
export const WINDOW_ORDER: readonly WindowName[] = ['minute', 'five_hour', 'day', 'week', 'period'];

export function sortWindows<T extends { name: WindowName }>(windows: readonly T[]): T[] {
  return [...windows].sort((a, b) => WINDOW_ORDER.indexOf(a.name) - WINDOW_ORDER.indexOf(b.name));
}

/** The plan's allowances as a list, shortest window first. */
export function planAllowances(plan: Pick<Plan, 'allowances'>) {
  return sortWindows(
    (Object.entries(plan.allowances) as [AllowanceWindow, Plan['allowances'][AllowanceWindow]][]).flatMap(
      ([name, allowance]) => (allowance ? [{ name, ...allowance }] : []),
    ),
  );
}

export interface WindowFill {
  /** 0..1 of the limit used (reserved included), for the bar's width. */
  ratio: number;
  /** Whole percent for the text and aria-valuenow (0..100). */
  percent: number;
  /** ok below 80%, warn from 80%, full at the limit. */
  tone: 'ok' | 'warn' | 'full';
}

/** How full a window is, counting what requests in flight hold. */
export function windowFill(window: Pick<SubscriptionWindow, 'used' | 'reserved' | 'limit'>): WindowFill {
  const taken = Math.max(0, window.used) + Math.max(0, window.reserved);
  const ratio = window.limit > 0 ? Math.min(1, taken / window.limit) : taken > 0 ? 1 : 0;
  const percent = Math.min(100, Math.floor(ratio * 100));
  return { ratio, percent, tone: ratio >= 1 ? 'full' : ratio >= 0.8 ? 'warn' : 'ok' };
}

export type ResetInfo = { kind: 'rolling' } | { kind: 'at'; at: number; past: boolean };

/** When a window resets: a time, or "opens at your next request" (a closed rolling window). */
export function windowReset(resetsAt: number | null, now: number): ResetInfo {
  if (resetsAt === null) return { kind: 'rolling' };
  return { kind: 'at', at: resetsAt, past: resetsAt <= now };
}

/** The key (plans:period.*) and count of a plan's period. */
export function periodLabel(period: Plan['period']): { key: 'month' | 'week' | 'days'; count: number } {
  switch (period.kind) {
    case 'month':
      return { key: 'month', count: 1 };
    case 'week':
      return { key: 'week', count: 1 };
    case 'days':
      return { key: 'days', count: period.days };
    default: {
      const unreachable: never = period;
      return unreachable;
    }
  }
}

/** Whether the plan covers every model (`*`). */
export function coversEverything(models: readonly string[]): boolean {
  return models.includes('*');
}

export const HISTORY_KINDS = ['granted', 'renewed', 'expired', 'cancelled', 'auto_renew_changed'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number] | 'other';

/** A subscription event's kind for translation (plans:history.kinds.*); unknown kinds are `other`. */
export function historyKind(kind: string): HistoryKind {
  return (HISTORY_KINDS as readonly string[]).includes(kind) ? (kind as HistoryKind) : 'other';
}
