/**
 * Why a sign-in with a provider failed. The callback never answers with an error page of its
 * own: it sends the browser back to the console with `?oauth_error=<code>`, which the console
 * translates, so every code here has a message in web/src/locales/{en,zh}/auth.json.
 */
export const OAUTH_ERROR_CODES = [
  'provider_disabled', // the provider is not enabled or not configured
  'state_invalid', // missing, forged, expired or already used state (no session is made)
  'provider_denied', // the user or the provider refused (`?error=` on the callback)
  'exchange_failed', // the code could not be exchanged, or the profile not read
  'token_invalid', // the OIDC id_token failed its checks (signature, issuer, audience, expiry, nonce)
  'email_in_use', // a new identity whose email belongs to an existing account: sign in and link
  'registration_disabled', // a new identity while registration is closed
  'account_disabled', // the linked account is disabled
  'identity_in_use', // linking an identity that belongs to another account
  'link_requires_session', // ?link=1 without being signed in
  'too_many_registrations', // new accounts from this address over the sign-up limit
] as const;

export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OAuthError';
  }
}
