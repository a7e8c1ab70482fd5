import { GatewayError } from '../../ir/index.js';

/** The second-factor errors routes and services share, so their codes never drift apart. */

/** A 400, not a 401: a wrong code on the account page must not look like an ended session. */
export function invalidMfaCode(): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message: 'The code is wrong, expired or already used.',
    param: 'code',
    code: 'invalid_mfa_code',
  });
}

export function mfaChallengeInvalid(): GatewayError {
  return new GatewayError({
    kind: 'authentication',
    message: 'This sign-in step expired or was already used. Please sign in again.',
    code: 'mfa_challenge_invalid',
  });
}

export function mfaAlreadyEnabled(): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    status: 409,
    message: 'Two-factor authentication is already on. Turn it off first to enrol another app.',
    code: 'mfa_already_enabled',
  });
}

export function mfaNotEnabled(): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    status: 409,
    message: 'Two-factor authentication is not on.',
    code: 'mfa_not_enabled',
  });
}

export function mfaEnrolmentRequired(): GatewayError {
  return new GatewayError({
    kind: 'permission',
    message: 'Administrators must turn on two-factor authentication (account page) before using admin tools.',
    code: 'mfa_enrolment_required',
  });
}

export function passkeyInvalid(message = 'The passkey could not be verified.'): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, code: 'passkey_invalid' });
}

export function passkeyNotFound(): GatewayError {
  return new GatewayError({ kind: 'not_found', message: 'No such passkey.', code: 'passkey_not_found' });
}
