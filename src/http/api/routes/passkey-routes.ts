import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyRequest } from 'fastify';
import { type RelyingParty, relyingPartyFor } from '../../../accounts/mfa/relying-party.js';
import type { ApiRegistry } from '../api-route.js';
import {
  creationOptionsResponse,
  passkeyListResponse,
  passkeyLoginBody,
  passkeyParams,
  passkeySchema,
  registerPasskeyBody,
  requestOptionsResponse,
  sessionResponse,
} from './mfa-schemas.js';
import { type SecondFactorRouteServices, signInAs } from './session-start.js';

const TAGS = ['auth'];

/**
 * Passkeys: list, register and delete yours (console session only), and sign in with one
 * without typing an email. A passkey sign-in is strong on its own: no code is asked after it.
 */
export function registerPasskeyRoutes(api: ApiRegistry, services: SecondFactorRouteServices): void {
  const { mfa, users, settings } = services;
  const relyingParty = (request: FastifyRequest): RelyingParty =>
    relyingPartyFor(settings.value.publicBaseUrl, request);

  api.route(
    {
      method: 'GET',
      url: '/api/auth/passkeys',
      summary: 'Your passkeys',
      tags: TAGS,
      access: 'user',
      response: passkeyListResponse,
    },
    async ({ principal }) => ({ data: await mfa.passkeys.list(principal.userId) }),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/passkeys/options',
      sessionOnly: true,
      summary: 'WebAuthn creation options for a new passkey (a single-use challenge, valid 5 minutes)',
      tags: TAGS,
      access: 'user',
      response: creationOptionsResponse,
    },
    async ({ principal, request }) => {
      const user = await users.require(principal.userId);
      return mfa.passkeys.registrationOptions(user, relyingParty(request));
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/passkeys',
      sessionOnly: true,
      summary: "Register a passkey: the browser's answer to the creation options, and a name for it",
      tags: TAGS,
      access: 'user',
      body: registerPasskeyBody,
      response: passkeySchema,
      status: 201,
    },
    async ({ principal, body, request }) =>
      mfa.passkeys.register(
        principal.userId,
        body.name,
        body.response as unknown as RegistrationResponseJSON,
        relyingParty(request),
      ),
  );

  api.route(
    {
      method: 'DELETE',
      url: '/api/auth/passkeys/:id',
      sessionOnly: true,
      summary: 'Delete one of your passkeys',
      tags: TAGS,
      access: 'user',
      params: passkeyParams,
      status: 204,
    },
    async ({ principal, params }) => {
      await mfa.passkeys.remove(principal.userId, params.id);
      return undefined;
    },
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/passkey-login/options',
      summary: 'WebAuthn request options for signing in with a passkey (no email needed; limited per address)',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      response: requestOptionsResponse,
    },
    async ({ request }) => mfa.passkeys.authenticationOptions(relyingParty(request)),
  );

  api.route(
    {
      method: 'POST',
      url: '/api/auth/passkey-login',
      summary: "Sign in with a passkey: the browser's answer to the request options; starts the session",
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      body: passkeyLoginBody,
      response: sessionResponse,
    },
    async ({ body, request, reply }) => {
      const userId = await mfa.passkeys.authenticate(
        body.response as unknown as AuthenticationResponseJSON,
        relyingParty(request),
      );
      return signInAs(services, userId, request, reply);
    },
  );
}
