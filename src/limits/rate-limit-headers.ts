import { formatResetDuration } from './reset-duration.js';
import type { WindowTake } from './window-counter.js';

/**
 * OpenAI's `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` from the windows a request
 * touched. With several limits of one kind (key, user, a model override), the headers describe
 * the tightest: the fewest remaining, then the later reset. A kind with no limit sends nothing.
 */
export function rateLimitHeaders(requests: WindowTake[], tokens: WindowTake[]): Record<string, string> {
  const headers: Record<string, string> = {};
  describe(headers, 'requests', requests);
  describe(headers, 'tokens', tokens);
  return headers;
}

function describe(headers: Record<string, string>, suffix: string, takes: WindowTake[]): void {
  let tightest: WindowTake | undefined;
  for (const take of takes) {
    if (!take.counted) continue;
    if (
      !tightest ||
      take.remaining < tightest.remaining ||
      (take.remaining === tightest.remaining && take.resetMs > tightest.resetMs)
    ) {
      tightest = take;
    }
  }
  if (!tightest) return;
  headers[`x-ratelimit-limit-${suffix}`] = String(tightest.limit);
  headers[`x-ratelimit-remaining-${suffix}`] = String(tightest.remaining);
  headers[`x-ratelimit-reset-${suffix}`] = formatResetDuration(tightest.resetMs);
}
