/** The providers AIHub can sign in with. */
export const OAUTH_PROVIDER_IDS = ['github', 'google', 'oidc', 'linuxdo'] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDER_IDS)[number];

export function isOAuthProviderId(value: string): value is OAuthProviderId {
  return (OAUTH_PROVIDER_IDS as ReadonlyArray<string>).includes(value);
}

/** Who the provider says signed in. */
export interface OAuthProfile {
  /** The provider's stable id of the account (never the email, which can change hands). */
  subject: string;
  /** Only an address the provider says is verified; null otherwise. */
  email: string | null;
  displayName: string | null;
}

/** What the authorize redirect carries. */
export interface AuthorizeRequest {
  state: string;
  codeChallenge: string;
  nonce: string;
  redirectUri: string;
}

/** What the callback exchanges. */
export interface CodeExchange {
  code: string;
  codeVerifier: string;
  nonce: string;
  redirectUri: string;
}

/** One configured provider: builds its authorize URL and turns a code into a profile. */
export interface OAuthClient {
  authorizeUrl(request: AuthorizeRequest): Promise<string>;
  exchange(exchange: CodeExchange): Promise<OAuthProfile>;
}

/** A provider's configuration as the operator set it (console or environment). */
export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  /** GitHub: the host root (GitHub Enterprise: `https://github.example.com`); LinuxDO: its host root; OIDC/Google: the issuer. */
  baseUrl: string;
}
