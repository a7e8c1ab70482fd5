import { OAuthError } from './oauth-errors.js';
import { accessTokenOf, type Fetch, getJson, joinUrl, postTokenForm } from './oauth-http.js';
import type { AuthorizeRequest, CodeExchange, OAuthClient, OAuthClientConfig, OAuthProfile } from './oauth-types.js';

export const LINUXDO_DEFAULT_BASE_URL = 'https://connect.linux.do';

/**
 * LinuxDO Connect (the community's OAuth2 server): `/oauth2/authorize`, `/oauth2/token`, and
 * `/api/user` answering id, username, name, trust_level, active, silenced. It gives no email,
 * so accounts made from it are identified by the LinuxDO id alone.
 */
export function linuxdoClient(config: OAuthClientConfig, fetchImpl: Fetch): OAuthClient {
  const base = config.baseUrl.replace(/\/+$/, '');
  return {
    async authorizeUrl(request: AuthorizeRequest) {
      const url = new URL(joinUrl(base, '/oauth2/authorize'));
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: request.redirectUri,
        scope: 'user',
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: 'S256',
      }).toString();
      return url.toString();
    },
    async exchange(exchange: CodeExchange): Promise<OAuthProfile> {
      const token = accessTokenOf(
        await postTokenForm(fetchImpl, joinUrl(base, '/oauth2/token'), {
          grant_type: 'authorization_code',
          client_id: config.clientId,
          client_secret: config.clientSecret,
          code: exchange.code,
          redirect_uri: exchange.redirectUri,
          code_verifier: exchange.codeVerifier,
        }),
      );
      const user = (await getJson(fetchImpl, joinUrl(base, '/api/user'), token)) as Record<string, unknown>;
      if (typeof user.id !== 'number' && typeof user.id !== 'string') {
        throw new OAuthError('exchange_failed', 'LinuxDO did not say who signed in.');
      }
      if (user.active === false) throw new OAuthError('provider_denied', 'The LinuxDO account is not active.');
      const name = [user.name, user.username].find((value) => typeof value === 'string' && value.trim());
      return { subject: String(user.id), email: null, displayName: typeof name === 'string' ? name.trim() : null };
    },
  };
}
