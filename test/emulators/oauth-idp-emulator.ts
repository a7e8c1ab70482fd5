/**
 * An identity provider for sign-in tests, speaking three dialects on one server:
 * - GitHub-style OAuth2 at `githubBaseUrl` (`{url}/github`, GitHub Enterprise's layout):
 *   `/login/oauth/authorize`, `POST /login/oauth/access_token` (answers 200 with `{error}` when
 *   refused, as GitHub does), `/api/v3/user`, `/api/v3/user/emails`;
 * - OpenID Connect at `issuer` (`{url}/oidc`): `/.well-known/openid-configuration`, `/authorize`,
 *   `POST /token` (an RS256 id_token with our `nonce`, `aud` = client id, 5 min expiry), `/jwks`,
 *   `/userinfo`;
 * - LinuxDO Connect at `linuxdoBaseUrl` (`{url}/linuxdo`): `/oauth2/authorize`, `POST /oauth2/token`,
 *   `/api/user` (id, username, name, trust_level, active, silenced; no email).
 * Authorize auto-approves the dialect's current user (`setUser`) and redirects to redirect_uri with
 * `code` and `state`; `denyNext()` answers the next one `error=access_denied`. It refuses an
 * unknown client id, a PKCE method other than S256, and a redirect_uri outside `redirectUris`
 * (when given). The token endpoint checks the client secret, the redirect_uri against the
 * authorize step's, the PKCE verifier against the challenge, and that the code is unused:
 * a code works once (RFC 6749 §4.1.2).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { listen, parseQuery, readBodyText } from './server.js';

export type IdpDialect = 'github' | 'oidc' | 'linuxdo';

export interface IdpUser {
  /** GitHub/LinuxDO numeric id, or the OIDC `sub`. */
  id: string;
  login: string;
  name: string;
  email: string | null;
  emailVerified: boolean;
  trustLevel?: number;
}

export interface OAuthIdpEmulatorOptions {
  clientId?: string;
  clientSecret?: string;
  /** The redirect URIs registered for the client; unset: any. */
  redirectUris?: string[];
}

export interface OAuthIdpEmulator {
  url: string;
  githubBaseUrl: string;
  issuer: string;
  linuxdoBaseUrl: string;
  clientId: string;
  clientSecret: string;
  setUser(dialect: IdpDialect, user: IdpUser): void;
  setRedirectUris(uris: string[] | undefined): void;
  denyNext(): void;
  /** Every token request and how it was answered (`ok` or the OAuth error). */
  tokenRequests: Array<{ dialect: IdpDialect; outcome: string }>;
  close(): Promise<void>;
}

interface IssuedCode {
  dialect: IdpDialect;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  user: IdpUser;
  used: boolean;
}

const DEFAULT_USERS: Record<IdpDialect, IdpUser> = {
  github: { id: '583231', login: 'octocat', name: 'The Octocat', email: 'octocat@example.com', emailVerified: true },
  oidc: { id: 'oidc-user-1', login: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', emailVerified: true },
  linuxdo: { id: '12345', login: 'neo', name: 'Neo', email: null, emailVerified: false, trustLevel: 2 },
};

export async function startOAuthIdpEmulator(options: OAuthIdpEmulatorOptions = {}): Promise<OAuthIdpEmulator> {
  const clientId = options.clientId ?? 'aihub-test-client';
  const clientSecret = options.clientSecret ?? 'aihub-test-secret';
  let redirectUris = options.redirectUris;
  const users: Record<IdpDialect, IdpUser> = { ...DEFAULT_USERS };
  const codes = new Map<string, IssuedCode>();
  const tokens = new Map<string, IdpUser>();
  const tokenRequests: OAuthIdpEmulator['tokenRequests'] = [];
  let deny = false;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'emulator-key-1', alg: 'RS256', use: 'sig' };
  let url = '';
  const issuer = () => `${url}/oidc`;

  function authorize(dialect: IdpDialect, query: Record<string, string>, res: ServerResponse) {
    if (query.client_id !== clientId) return text(res, 400, 'unknown client_id');
    const redirectUri = query.redirect_uri ?? '';
    if (!redirectUri || (redirectUris && !redirectUris.includes(redirectUri))) {
      return text(res, 400, 'redirect_uri is not registered');
    }
    if (dialect !== 'github' && query.response_type !== 'code') return text(res, 400, 'response_type must be code');
    if (query.code_challenge_method !== 'S256' || !query.code_challenge) return text(res, 400, 'PKCE S256 required');
    const target = new URL(redirectUri);
    if (query.state) target.searchParams.set('state', query.state);
    if (deny) {
      deny = false;
      target.searchParams.set('error', 'access_denied');
    } else {
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        dialect,
        clientId,
        redirectUri,
        codeChallenge: query.code_challenge,
        nonce: query.nonce,
        user: users[dialect],
        used: false,
      });
      target.searchParams.set('code', code);
    }
    res.writeHead(302, { location: target.toString() }).end();
  }

  async function token(dialect: IdpDialect, form: Record<string, string>, res: ServerResponse) {
    const refuse = (error: string) => {
      tokenRequests.push({ dialect, outcome: error });
      // GitHub answers 200 with an error body; the others 400 (RFC 6749 §5.2).
      json(res, dialect === 'github' ? 200 : 400, { error });
    };
    if (form.client_id !== clientId || form.client_secret !== clientSecret) return refuse('invalid_client');
    const issued = form.code ? codes.get(form.code) : undefined;
    if (!issued || issued.dialect !== dialect) return refuse('invalid_grant');
    if (issued.used) return refuse('invalid_grant');
    issued.used = true;
    if (form.redirect_uri !== issued.redirectUri) return refuse('invalid_grant');
    const challenge = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    if (challenge !== issued.codeChallenge) return refuse('invalid_grant');
    const accessToken = randomBytes(16).toString('hex');
    tokens.set(accessToken, issued.user);
    tokenRequests.push({ dialect, outcome: 'ok' });
    const answer: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', scope: 'user' };
    if (dialect === 'oidc') {
      const user = issued.user;
      answer.id_token = await new SignJWT({
        nonce: issued.nonce,
        email: user.email ?? undefined,
        email_verified: user.emailVerified,
        name: user.name,
      })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setIssuer(issuer())
        .setAudience(issued.clientId)
        .setSubject(user.id)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      answer.expires_in = 3600;
    }
    json(res, 200, answer);
  }

  function bearer(req: IncomingMessage): IdpUser | undefined {
    const header = req.headers.authorization ?? '';
    const match = /^(?:Bearer|token) (.+)$/i.exec(header);
    return match ? tokens.get(match[1]!) : undefined;
  }

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(req.url ?? '/', 'http://emulator');
    const query = parseQuery(target.search);
    const path = target.pathname;
    const form = req.method === 'POST' ? parseQuery(`?${await readBodyText(req)}`) : {};
    switch (`${req.method} ${path}`) {
      case 'GET /github/login/oauth/authorize':
        return authorize('github', query, res);
      case 'POST /github/login/oauth/access_token':
        return token('github', form, res);
      case 'GET /github/api/v3/user': {
        const user = bearer(req);
        if (!user) return json(res, 401, { message: 'Bad credentials' });
        return json(res, 200, { id: Number(user.id), login: user.login, name: user.name });
      }
      case 'GET /github/api/v3/user/emails': {
        const user = bearer(req);
        if (!user) return json(res, 401, { message: 'Bad credentials' });
        const emails = user.email ? [{ email: user.email, primary: true, verified: user.emailVerified }] : [];
        return json(res, 200, [
          { email: `${user.login}@users.noreply.github.com`, primary: false, verified: false },
          ...emails,
        ]);
      }
      case 'GET /oidc/.well-known/openid-configuration':
        return json(res, 200, {
          issuer: issuer(),
          authorization_endpoint: `${issuer()}/authorize`,
          token_endpoint: `${issuer()}/token`,
          userinfo_endpoint: `${issuer()}/userinfo`,
          jwks_uri: `${issuer()}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        });
      case 'GET /oidc/jwks':
        return json(res, 200, { keys: [jwk] });
      case 'GET /oidc/authorize':
        return authorize('oidc', query, res);
      case 'POST /oidc/token':
        return token('oidc', form, res);
      case 'GET /oidc/userinfo': {
        const user = bearer(req);
        if (!user) return json(res, 401, { error: 'invalid_token' });
        return json(res, 200, { sub: user.id, email: user.email, email_verified: user.emailVerified, name: user.name });
      }
      case 'GET /linuxdo/oauth2/authorize':
        return authorize('linuxdo', query, res);
      case 'POST /linuxdo/oauth2/token':
        return token('linuxdo', form, res);
      case 'GET /linuxdo/api/user': {
        const user = bearer(req);
        if (!user) return json(res, 401, { error: 'invalid_token' });
        return json(res, 200, {
          id: Number(user.id),
          username: user.login,
          name: user.name,
          avatar_template: '/user_avatar/{size}.png',
          active: true,
          trust_level: user.trustLevel ?? 1,
          silenced: false,
        });
      }
      default:
        return text(res, 404, 'not found');
    }
  };
  const listening = await listen((req, res) => {
    handler(req, res).catch((error: unknown) => text(res, 500, String(error)));
  });
  url = `http://127.0.0.1:${listening.port}`;
  return {
    url,
    githubBaseUrl: `${url}/github`,
    issuer: issuer(),
    linuxdoBaseUrl: `${url}/linuxdo`,
    clientId,
    clientSecret,
    setUser(dialect, user) {
      users[dialect] = user;
    },
    setRedirectUris(uris) {
      redirectUris = uris;
    },
    denyNext() {
      deny = true;
    },
    tokenRequests,
    close: () => listening.close(),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
}
