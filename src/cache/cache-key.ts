import { createHash } from 'node:crypto';
import type { CacheCaller, CacheMode, CacheScope } from './cache-types.js';

/**
 * Request fields that cannot change the answer, left out of the key: `stream` (the mode is part
 * of the key instead), end-user ids and tags, storage and prompt-cache hints. Everything else —
 * model, messages, tools, tool_choice, response_format, temperature, top_p, max tokens, stop,
 * seed, n, reasoning settings, and any field we do not know — is in the key: an unknown field
 * can only cost hits, never serve a wrong answer.
 */
const IGNORED = new Set([
  'stream',
  'user',
  'metadata',
  'store',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
]);

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` are one request. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 (hex) of the fields of a request body that affect the answer. */
export function requestFingerprint(body: Record<string, unknown>, mode: CacheMode, surface: string): string {
  const relevant: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (IGNORED.has(key)) continue;
    // Stream options shape the frames (a usage chunk), so they matter for streams only.
    if (key === 'stream_options' && mode === 'json') continue;
    relevant[key] = value;
  }
  return createHash('sha256')
    .update(canonicalJson({ surface, mode, body: relevant }))
    .digest('hex');
}

/** The storage key: who may read it (the scope) and what was asked. */
export function cacheKey(fingerprint: string, scope: CacheScope, caller: CacheCaller): string {
  if (scope === 'shared') return `shared:${fingerprint}`;
  if (scope === 'key' && caller.keyId !== null) return `k:${caller.keyId}:${fingerprint}`;
  return `u:${caller.userId}:${fingerprint}`;
}
