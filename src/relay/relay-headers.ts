import type { PlannedAttempt } from './attempt-plan.js';

/** Headers that tell the client how its request was served. */
export function servedHeaders(attempt: PlannedAttempt, attempts: number, dropped: string[]): Record<string, string> {
  const headers: Record<string, string> = {
    'x-aihub-model': attempt.upstreamModel,
    'x-aihub-provider': attempt.channel.vendor,
    'x-aihub-attempts': String(attempts),
  };
  if (dropped.length > 0) headers['x-aihub-dropped-params'] = dropped.join(',');
  return headers;
}
