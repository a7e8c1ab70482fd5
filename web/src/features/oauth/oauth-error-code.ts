/** The codes the server's callback sends back (src/accounts/oauth/oauth-errors.ts); others read as `unknown`. */
const KNOWN = [
  'provider_disabled',
  'state_invalid',
  'provider_denied',
  'exchange_failed',
  'token_invalid',
  'email_in_use',
  'registration_disabled',
  'account_disabled',
  'identity_in_use',
  'link_requires_session',
  'too_many_registrations',
] as const;

export type OAuthErrorCode = (typeof KNOWN)[number] | 'unknown';

export function oauthErrorCode(value: string | null): OAuthErrorCode | undefined {
  if (!value) return undefined;
  return (KNOWN as ReadonlyArray<string>).includes(value) ? (value as OAuthErrorCode) : 'unknown';
}
