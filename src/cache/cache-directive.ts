import type { CacheCaller, CachePolicy, RequestHeaders } from './cache-types.js';

export type CacheDirective =
  | { use: false }
  /** `read: false`: `refresh` — answer from upstream and store it, ignoring any cached answer. */
  | { use: true; read: boolean; ttlSeconds: number };

/**
 * How a request opts in or out, over the caller's default (CachePolicy.callerTtlSeconds):
 * - `x-aihub-cache-ttl: <seconds>`: cache for that long (0 = do not use the cache);
 * - `x-aihub-cache: on` | `ttl=<seconds>` | `refresh` (fetch anew and store) | `off` (also `no-store`,
 *   `bypass`); several may be combined with commas: `refresh, ttl=60`.
 * Without a header the caller's default applies. TTLs are capped at the policy's maximum.
 */
export function cacheDirective(headers: RequestHeaders, caller: CacheCaller, policy: CachePolicy): CacheDirective {
  const callerTtl = policy.callerTtlSeconds(caller) || undefined;
  let enabled = callerTtl !== undefined;
  let ttl = callerTtl;
  let read = true;
  const tokens = header(headers, 'x-aihub-cache')
    ?.toLowerCase()
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  for (const token of tokens ?? []) {
    if (token === 'on' || token === 'true' || token === '1') enabled = true;
    else if (['off', 'false', '0', 'no-store', 'bypass'].includes(token)) return { use: false };
    else if (token === 'refresh') {
      enabled = true;
      read = false;
    } else if (token.startsWith('ttl=')) {
      const seconds = parseSeconds(token.slice(4));
      if (seconds === 0) return { use: false };
      if (seconds !== undefined) {
        enabled = true;
        ttl = seconds;
      }
    }
  }
  const explicit = header(headers, 'x-aihub-cache-ttl');
  if (explicit !== undefined) {
    const seconds = parseSeconds(explicit);
    if (seconds === 0) return { use: false };
    if (seconds !== undefined) {
      enabled = true;
      ttl = seconds;
    }
  }
  if (!enabled) return { use: false };
  return { use: true, read, ttlSeconds: Math.min(ttl ?? policy.defaultTtlSeconds, policy.maxTtlSeconds) };
}

function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}
