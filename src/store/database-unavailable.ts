/**
 * Whether a database error means "the database cannot take this request now" (out of
 * connections, starting up or shutting down, unreachable, locked past the busy timeout) rather
 * than a bug: the caller gets a 503 to retry, not a 500.
 */
const UNAVAILABLE_PG_CODES = new Set([
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);
const UNAVAILABLE_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
const UNAVAILABLE_SQLITE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_PG_CODES.has(code) || code.startsWith('08')) return true; // 08: connection exceptions
    if (UNAVAILABLE_NET_CODES.has(code) || UNAVAILABLE_SQLITE_CODES.has(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  // pg-pool's own wording when no connection frees up in time, and pg's when the server went away.
  return (
    typeof message === 'string' &&
    /timeout exceeded when trying to connect|Connection terminated unexpectedly|Client has encountered a connection error/.test(
      message,
    )
  );
}
