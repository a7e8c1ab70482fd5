import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 time-based one-time codes as authenticator apps make them: HMAC-SHA-1, 6 digits, 30 s
 * steps. Pure: the caller passes the time, so tests run on a fixed clock. `otpauth` does the
 * HMAC and truncation; this file only fixes the parameters and reports which step matched, which
 * the replay check needs.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before and after are accepted too (clock drift, a code typed late). */
export const TOTP_WINDOW_STEPS = 1;

const SECRET_BYTES = 20;

/** A new random secret, base32 (what apps take when typed in). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

function totpFor(secretBase32: string, label = '', issuer = ''): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    label,
    issuer,
  });
}

/** The `otpauth://totp/...` URI a QR code carries. */
export function totpUri(secretBase32: string, account: string, issuer: string): string {
  return totpFor(secretBase32, account, issuer).toString();
}

/** The code for a moment (tests and the console's own checks use it; the server never sends one). */
export function totpCode(secretBase32: string, nowMs: number): string {
  return totpFor(secretBase32).generate({ timestamp: nowMs });
}

/** The step a time falls in. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The step the code belongs to, when it is valid within the window around `nowMs`; undefined
 * otherwise. Only 6 digits are considered (spaces are ignored; anything else fails).
 */
export function matchTotpStep(secretBase32: string, code: string, nowMs: number): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totpFor(secretBase32).validate({ token, timestamp: nowMs, window: TOTP_WINDOW_STEPS });
  return delta === null ? undefined : totpStep(nowMs) + delta;
}
