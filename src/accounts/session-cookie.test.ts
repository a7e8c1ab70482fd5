import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './session-cookie.js';

describe('session cookie', () => {
  it('reads one cookie out of a Cookie header', () => {
    const header = 'theme=dark; aihub_session=abc-_123; other="q v"';
    expect(readCookie(header, SESSION_COOKIE)).toBe('abc-_123');
    expect(readCookie(header, 'other')).toBe('q v');
    expect(readCookie(header, 'missing')).toBeUndefined();
    expect(readCookie('xaihub_session=nope', SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie('aihub_session=%E0%A4%A', SESSION_COOKIE)).toBe('%E0%A4%A'); // bad escape: raw
  });

  it('sets HttpOnly, SameSite=Lax, Path=/ and Secure only over HTTPS', () => {
    expect(sessionCookie('tok', { maxAgeSeconds: 604_800, secure: false })).toBe(
      'aihub_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800',
    );
    expect(sessionCookie('tok', { maxAgeSeconds: 60.9, secure: true })).toBe(
      'aihub_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure',
    );
    expect(clearedSessionCookie(false)).toBe('aihub_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
  });
});
