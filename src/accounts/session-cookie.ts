/**
 * The console's session cookie, without a cookie plugin: one small reader for the Cookie header
 * and the exact Set-Cookie strings we send. HttpOnly keeps the token away from scripts,
 * SameSite=Lax keeps other sites' forms and fetches from carrying it on POSTs, and Secure is set
 * whenever the request came over HTTPS. CSRF is still checked (x-csrf-token) on every mutation.
 */
export const SESSION_COOKIE = 'aihub_session';

/** The value of cookie `name` in a Cookie header, or undefined. The first occurrence wins. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals === -1 || part.slice(0, equals).trim() !== name) continue;
    let value = part.slice(equals + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

export function sessionCookie(token: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  return serialize(encodeURIComponent(token), Math.max(0, Math.floor(options.maxAgeSeconds)), options.secure);
}

/** Tells the browser to drop the cookie (logout). */
export function clearedSessionCookie(secure: boolean): string {
  return serialize('', 0, secure);
}

function serialize(value: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
