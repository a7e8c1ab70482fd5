import { GatewayError } from '../ir/index.js';

/** The account errors more than one service or route raises, so their codes never drift apart. */

export function emailTaken(): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    status: 409,
    message: 'An account with this email already exists.',
    param: 'email',
    code: 'email_taken',
  });
}

export function userNotFound(): GatewayError {
  return new GatewayError({ kind: 'not_found', message: 'No such user.', code: 'user_not_found' });
}

export function accountDisabled(): GatewayError {
  return new GatewayError({ kind: 'permission', message: 'This account is disabled.', code: 'account_disabled' });
}

/** Also what a non-owner gets for someone else's key: it must not reveal that the key exists. */
export function keyNotFound(): GatewayError {
  return new GatewayError({ kind: 'not_found', message: 'No such API key.', code: 'key_not_found' });
}
