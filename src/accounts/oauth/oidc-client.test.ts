import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OAuthIdpEmulator, startOAuthIdpEmulator } from '../../../test/emulators/oauth-idp-emulator.js';
import { OAuthError } from './oauth-errors.js';
import type { OAuthClient } from './oauth-types.js';
import { oidcClient } from './oidc-client.js';
import { codeChallengeS256, randomToken } from './pkce.js';

const REDIRECT = 'http://aihub.test/api/auth/oauth/oidc/callback';

describe('oidcClient against the emulator', () => {
  let idp: OAuthIdpEmulator;
  let client: OAuthClient;

  beforeAll(async () => {
    idp = await startOAuthIdpEmulator();
    client = oidcClient({ clientId: idp.clientId, clientSecret: idp.clientSecret, baseUrl: idp.issuer }, fetch);
  });
  afterAll(async () => {
    await idp.close();
  });

  async function codeFor(verifier: string, nonce: string): Promise<string> {
    const url = await client.authorizeUrl({
      state: 's',
      codeChallenge: codeChallengeS256(verifier),
      nonce,
      redirectUri: REDIRECT,
    });
    const answer = await fetch(url, { redirect: 'manual' });
    return new URL(answer.headers.get('location')!).searchParams.get('code')!;
  }

  it('verifies the id_token and reads the verified email', async () => {
    const verifier = randomToken();
    const nonce = randomToken();
    const profile = await client.exchange({
      code: await codeFor(verifier, nonce),
      codeVerifier: verifier,
      nonce,
      redirectUri: REDIRECT,
    });
    expect(profile).toEqual({ subject: 'oidc-user-1', email: 'ada@example.com', displayName: 'Ada Lovelace' });
  });

  it('refuses an id_token minted for another nonce (a replayed token)', async () => {
    const verifier = randomToken();
    const code = await codeFor(verifier, 'nonce-of-another-flow');
    const failure = await client
      .exchange({ code, codeVerifier: verifier, nonce: randomToken(), redirectUri: REDIRECT })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OAuthError);
    expect((failure as OAuthError).code).toBe('token_invalid');
  });

  it('drops an unverified email, and a wrong PKCE verifier fails the exchange', async () => {
    idp.setUser('oidc', { id: 'u2', login: 'u2', name: 'U2', email: 'u2@example.com', emailVerified: false });
    const verifier = randomToken();
    const nonce = randomToken();
    const profile = await client.exchange({
      code: await codeFor(verifier, nonce),
      codeVerifier: verifier,
      nonce,
      redirectUri: REDIRECT,
    });
    expect(profile.email).toBeNull();
    const wrong = await client
      .exchange({ code: await codeFor(verifier, nonce), codeVerifier: randomToken(), nonce, redirectUri: REDIRECT })
      .catch((error: unknown) => error);
    expect((wrong as OAuthError).code).toBe('exchange_failed');
  });
});
