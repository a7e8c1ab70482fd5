/** Marking a stuck order by hand: what it may become, and the request once a reason is given. Pure. */
import type { MarkBody, MarkTarget, OrderStatus } from './types';

export const MAX_MARK_REASON = 1000;

/** The server marks only orders still open: created (any target) or expired (paid late, or failed). */
export function markTargets(status: OrderStatus): MarkTarget[] {
  if (status === 'created') return ['credited', 'failed', 'expired'];
  if (status === 'expired') return ['credited', 'failed'];
  return [];
}

export type MarkProblem = 'reasonRequired' | 'reasonTooLong' | 'targetRequired';

export function markRequest(
  target: MarkTarget | '',
  reason: string,
): { ok: true; body: MarkBody } | { ok: false; problems: Partial<Record<'target' | 'reason', MarkProblem>> } {
  const note = reason.trim();
  const problems: Partial<Record<'target' | 'reason', MarkProblem>> = {};
  if (!target) problems.target = 'targetRequired';
  if (!note) problems.reason = 'reasonRequired';
  else if (note.length > MAX_MARK_REASON) problems.reason = 'reasonTooLong';
  if (!target || problems.reason) return { ok: false, problems };
  return { ok: true, body: { status: target, note } };
}
