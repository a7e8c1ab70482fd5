import { OAuthError } from './oauth-errors.js';
import { accessTokenOf, type Fetch, getJson, joinUrl, postTokenForm } from './oauth-http.js';
import type { AuthorizeRequest, CodeExchange, OAuthClient, OAuthClientConfig, OAuthProfile } from './oauth-types.js';

export const GITHUB_DEFAULT_BASE_URL = 'https://github.com';

/**
 * GitHub's OAuth app flow: `/login/oauth/authorize`, `/login/oauth/access_token` (with PKCE S256),
 * then the REST API's `/user` and `/user/emails` (the primary verified address). On github.com the
 * API is api.github.com; on GitHub Enterprise (another base URL) it is `{base}/api/v3`.
 */
export function githubClient(config: OAuthClientConfig, fetchImpl: Fetch): OAuthClient {
  const base = config.baseUrl.replace(/\/+$/, '');
  const apiBase = base === GITHUB_DEFAULT_BASE_URL ? 'https://api.github.com' : `${base}/api/v3`;
  return {
    async authorizeUrl(request: AuthorizeRequest) {
      const url = new URL(joinUrl(base, '/login/oauth/authorize'));
      url.search = new URLSearchParams({
        client_id: config.clientId,
        redirect_uri: request.redirectUri,
        scope: 'read:user user:email',
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: 'S256',
        allow_signup: 'true',
      }).toString();
      return url.toString();
    },
    async exchange(exchange: CodeExchange): Promise<OAuthProfile> {
      const token = accessTokenOf(
        await postTokenForm(fetchImpl, joinUrl(base, '/login/oauth/access_token'), {
          client_id: config.clientId,
          client_secret: config.clientSecret,
          code: exchange.code,
          redirect_uri: exchange.redirectUri,
          code_verifier: exchange.codeVerifier,
        }),
      );
      const user = (await getJson(fetchImpl, `${apiBase}/user`, token)) as Record<string, unknown>;
      if (typeof user.id !== 'number' && typeof user.id !== 'string') {
        throw new OAuthError('exchange_failed', 'GitHub did not say who signed in.');
      }
      const emails = await getJson(fetchImpl, `${apiBase}/user/emails`, token);
      return {
        subject: String(user.id),
        email: primaryVerifiedEmail(emails),
        displayName: stringOrNull(user.name) ?? stringOrNull(user.login),
      };
    },
  };
}

/** The primary address if verified, else the first verified one; null when none is verified. */
export function primaryVerifiedEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  const verified = emails.filter(
    (entry): entry is { email: string; primary?: boolean } =>
      typeof entry?.email === 'string' && entry.verified === true,
  );
  return (verified.find((entry) => entry.primary) ?? verified[0])?.email ?? null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
