import { GatewayError } from '../ir/index.js';

const MAX_EMAIL_LENGTH = 254;
// Deliberately loose (one @, a dot in the domain, no spaces): real validation is a delivered mail,
// and a stricter pattern mostly rejects valid addresses.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trims and lower-cases an email (emails are stored and compared lower-case); 400 when malformed. */
export function normalizeEmail(email: string, param = 'email'): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(normalized)) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: 'That is not a valid email address.',
      param,
      code: 'invalid_email',
    });
  }
  return normalized;
}
