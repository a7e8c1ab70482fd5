import type { PlannedAttempt } from './attempt-plan.js';
import { headerList, headerValue } from './header-value.js';

/**
 * Headers that tell the client how its request was served. The dropped parameters are names the
 * client chose (any JSON key) and the model may be one it named (`vendor/anything`): they are
 * encoded so that no request can make writing the answer's headers fail.
 */
export function servedHeaders(attempt: PlannedAttempt, attempts: number, dropped: string[]): Record<string, string> {
  const headers: Record<string, string> = {
    'x-aihub-model': headerValue(attempt.upstreamModel),
    'x-aihub-provider': headerValue(attempt.channel.vendor),
    'x-aihub-attempts': String(attempts),
  };
  if (dropped.length > 0) headers['x-aihub-dropped-params'] = headerList(dropped);
  return headers;
}
