import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { OAuthError } from './oauth-errors.js';
import { accessTokenOf, type Fetch, getJson, joinUrl, postTokenForm } from './oauth-http.js';
import type { AuthorizeRequest, CodeExchange, OAuthClient, OAuthClientConfig, OAuthProfile } from './oauth-types.js';

export const GOOGLE_ISSUER = 'https://accounts.google.com';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

const DISCOVERY_TTL_MS = 60 * 60_000;

/**
 * OpenID Connect by issuer discovery (Google, and any provider the operator names): the issuer's
 * `/.well-known/openid-configuration` gives the endpoints; the id_token is verified with `jose`
 * against the issuer's JWKS (signature, `iss`, `aud` = client id, `exp`, and our `nonce`).
 */
export function oidcClient(config: OAuthClientConfig, fetchImpl: Fetch): OAuthClient {
  const issuer = config.baseUrl.replace(/\/+$/, '');
  let discovered: { at: number; value: Discovery; jwks: ReturnType<typeof createRemoteJWKSet> } | undefined;

  async function discovery() {
    if (discovered && Date.now() - discovered.at < DISCOVERY_TTL_MS) return discovered;
    const body = (await getJson(fetchImpl, joinUrl(issuer, '/.well-known/openid-configuration'))) as Record<
      string,
      unknown
    >;
    const fields = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;
    if (fields.some((field) => typeof body[field] !== 'string')) {
      throw new OAuthError('exchange_failed', 'The issuer’s discovery document lacks endpoints.');
    }
    const value = body as unknown as Discovery;
    // OIDC Discovery §4.3: the document must name the issuer it was fetched from.
    if (value.issuer.replace(/\/+$/, '') !== issuer) {
      throw new OAuthError('exchange_failed', 'The discovery document names another issuer.');
    }
    discovered = { at: Date.now(), value, jwks: createRemoteJWKSet(new URL(value.jwks_uri)) };
    return discovered;
  }

  return {
    async authorizeUrl(request: AuthorizeRequest) {
      const { value } = await discovery();
      const url = new URL(value.authorization_endpoint);
      const params = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: request.redirectUri,
        scope: 'openid email profile',
        state: request.state,
        nonce: request.nonce,
        code_challenge: request.codeChallenge,
        code_challenge_method: 'S256',
      });
      for (const [name, param] of params) url.searchParams.set(name, param);
      return url.toString();
    },
    async exchange(exchange: CodeExchange): Promise<OAuthProfile> {
      const { value, jwks } = await discovery();
      const answer = await postTokenForm(fetchImpl, value.token_endpoint, {
        grant_type: 'authorization_code',
        client_id: config.clientId,
        client_secret: config.clientSecret,
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        code_verifier: exchange.codeVerifier,
      });
      accessTokenOf(answer);
      const idToken = answer.id_token;
      if (typeof idToken !== 'string') throw new OAuthError('token_invalid', 'The token answer has no id_token.');
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(idToken, jwks, { issuer: value.issuer, audience: config.clientId }));
      } catch (error) {
        throw new OAuthError('token_invalid', 'The id_token did not verify.', { cause: error });
      }
      if (claims.nonce !== exchange.nonce) throw new OAuthError('token_invalid', 'The id_token’s nonce is not ours.');
      if (typeof claims.sub !== 'string' || !claims.sub)
        throw new OAuthError('token_invalid', 'The id_token has no sub.');
      const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email : null;
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : null;
      return { subject: claims.sub, email, displayName: name };
    },
  };
}
