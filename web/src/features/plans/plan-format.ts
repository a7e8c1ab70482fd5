/**
 * Plans as the console reads them; a subscription window's numbers are in window-display.ts.
 * Pure: the caller formats money, tokens and times in the person's language.
 */
import type { AllowanceWindow, Plan } from './plan-types';
import { sortWindows } from './window-display';

/** The plan's allowances as a list, shortest window first. */
export function planAllowances(plan: Pick<Plan, 'allowances'>) {
  return sortWindows(
    (Object.entries(plan.allowances) as [AllowanceWindow, Plan['allowances'][AllowanceWindow]][]).flatMap(
      ([name, allowance]) => (allowance ? [{ name, ...allowance }] : []),
    ),
  );
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
