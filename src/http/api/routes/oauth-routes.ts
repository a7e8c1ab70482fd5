import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { RegistrationThrottle } from '../../../accounts/login-throttle.js';
import type { IdentityService } from '../../../accounts/oauth/identity-service.js';
import { OAuthError, type OAuthErrorCode } from '../../../accounts/oauth/oauth-errors.js';
import type { OAuthFlowStore } from '../../../accounts/oauth/oauth-flow-store.js';
import { OAUTH_FLOW_TTL_MS } from '../../../accounts/oauth/oauth-flow-store.js';
import type { OAuthProviderConfigs } from '../../../accounts/oauth/oauth-provider-configs.js';
import { readCookie } from '../../../accounts/session-cookie.js';
import type { SessionService } from '../../../accounts/session-service.js';
import { GatewayError } from '../../../ir/index.js';
import { publicBaseFor } from '../../../platform/public-origin.js';
import type { SettingsService } from '../../../platform/settings.js';
import type { ApiRegistry } from '../api-route.js';
import {
  adminProviderPatch,
  adminProviderSchema,
  adminProvidersResponse,
  callbackQuery,
  identitiesResponse,
  identityParams,
  providerParams,
  publicProvidersResponse,
  startQuery,
} from './oauth-schemas.js';
import { startSession } from './session-start.js';

export interface OAuthRouteServices {
  providers: OAuthProviderConfigs;
  flows: OAuthFlowStore;
  identities: IdentityService;
  sessions: SessionService;
  settings: SettingsService;
  /** The same sign-up limit per address as password registration. */
  registrationThrottle?: Pick<RegistrationThrottle, 'admit'>;
  logger?: Pick<Logger, 'warn'>;
  now?: () => number;
}

/** Binds a flow's state to the browser that started it (the callback compares the two). */
export const OAUTH_STATE_COOKIE = 'aihub_oauth_state';
const COOKIE_PATH = '/api/auth/oauth';
const TAGS = ['auth'];

/**
 * Sign-in with GitHub, Google, OIDC and LinuxDO: the authorization code flow with PKCE S256, a
 * single-use `state` bound to an HttpOnly SameSite=Lax cookie, and an OIDC nonce. The browser
 * navigates to these routes, so failures come back as redirects to the console with
 * `?oauth_error=<code>`, never as a JSON error page; no failure makes a session.
 */
export function registerOAuthRoutes(api: ApiRegistry, services: OAuthRouteServices): void {
  const now = services.now ?? Date.now;

  api.route(
    {
      method: 'GET',
      url: '/api/auth/oauth/providers',
      summary: 'The sign-in providers offered on the login page',
      tags: TAGS,
      access: 'public',
      response: publicProvidersResponse,
    },
    async () => ({
      data: services.providers
        .views()
        .filter((view) => view.enabled)
        .map((view) => ({ provider: view.provider, displayName: view.displayName })),
    }),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/auth/oauth/:provider/start',
      summary: 'Go to the provider to sign in (or, with link=1 and a session, to link it to your account)',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      params: providerParams,
      query: startQuery,
      status: 302,
    },
    async ({ params, query, principal, request, reply }) => {
      const linking = query.link !== undefined;
      try {
        const client = services.providers.client(params.provider);
        if (!client) throw new OAuthError('provider_disabled', 'That provider is not enabled.');
        if (linking && principal?.via !== 'session') {
          throw new OAuthError('link_requires_session', 'Sign in first to link an account.');
        }
        const redirectUri = callbackUrl(services.settings, request, params.provider);
        const flow = await services.flows.begin({
          provider: params.provider,
          linkUserId: linking && principal ? principal.userId : null,
          redirectUri,
        });
        const location = await client.authorizeUrl({ ...flow, redirectUri });
        reply.header('set-cookie', stateCookie(flow.state, OAUTH_FLOW_TTL_MS / 1000, request));
        reply.header('location', location);
      } catch (error) {
        failTo(reply, linking, error, services.logger);
      }
      return undefined;
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/auth/oauth/:provider/callback',
      summary: 'Where the provider sends the browser back: signs in, creates the account or links it, then redirects',
      tags: TAGS,
      access: 'public',
      limitedPerAddress: true,
      params: providerParams,
      query: callbackQuery,
      status: 302,
    },
    async ({ params, query, principal, request, reply }) => {
      const cookieState = readCookie(request.headers.cookie, OAUTH_STATE_COOKIE);
      const cookies = [stateCookie('', 0, request)];
      let linking = false;
      try {
        if (!query.state || !cookieState || !sameSecret(query.state, cookieState)) {
          throw new OAuthError('state_invalid', 'The sign-in state is missing or does not match this browser.');
        }
        const flow = await services.flows.consume(query.state, params.provider);
        if (!flow) throw new OAuthError('state_invalid', 'The sign-in state is unknown, used or expired.');
        linking = flow.linkUserId !== null;
        if (query.error || !query.code) throw new OAuthError('provider_denied', 'The provider did not approve.');
        if (linking && principal?.userId !== flow.linkUserId) {
          throw new OAuthError('link_requires_session', 'The account that asked to link is no longer signed in.');
        }
        const client = services.providers.client(params.provider);
        if (!client) throw new OAuthError('provider_disabled', 'That provider is not enabled.');
        const profile = await client.exchange({
          code: query.code,
          codeVerifier: flow.codeVerifier,
          nonce: flow.nonce,
          redirectUri: flow.redirectUri,
        });
        const outcome = await services.identities.signIn(params.provider, profile, flow.linkUserId, async () => {
          try {
            await services.registrationThrottle?.admit(request.ip);
          } catch (error) {
            if (error instanceof GatewayError && error.kind === 'rate_limit') {
              throw new OAuthError('too_many_registrations', 'Too many new accounts from this address.', {
                cause: error,
              });
            }
            throw error;
          }
        });
        if (outcome.linked) {
          reply.header('location', `/account?oauth_linked=${encodeURIComponent(params.provider)}`);
        } else {
          cookies.push((await startSession(services.sessions, outcome.userId, request, now)).cookie);
          reply.header('location', '/');
        }
      } catch (error) {
        failTo(reply, linking, error, services.logger);
      }
      reply.header('set-cookie', cookies);
      return undefined;
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/account/identities',
      summary: 'The provider accounts (GitHub, Google, …) linked to your account',
      tags: ['account'],
      access: 'user',
      response: identitiesResponse,
    },
    async ({ principal }) => ({ data: await services.identities.list(principal.userId) }),
  );

  api.route(
    {
      method: 'DELETE',
      url: '/api/account/identities/:id',
      summary: 'Unlink a provider account (not your last way to sign in)',
      tags: ['account'],
      access: 'user',
      sessionOnly: true,
      params: identityParams,
      status: 204,
    },
    async ({ principal, params }) => {
      await services.identities.unlink(principal.userId, params.id);
      return undefined;
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/oauth/providers',
      summary: 'Sign-in providers: settings in force, where each comes from, and the callback URL to register',
      tags: ['admin'],
      access: 'admin',
      response: adminProvidersResponse,
    },
    async ({ request }) => ({
      data: services.providers
        .views()
        .map((view) => ({ ...view, redirectUri: callbackUrl(services.settings, request, view.provider) })),
    }),
  );

  api.route(
    {
      method: 'PATCH',
      url: '/api/admin/oauth/providers/:provider',
      summary: 'Change a sign-in provider’s console settings (null or empty clears a field)',
      tags: ['admin'],
      access: 'admin',
      params: providerParams,
      body: adminProviderPatch,
      response: adminProviderSchema,
    },
    async ({ params, body, request }) => {
      const { enabled, ...fields } = body;
      const view = await services.providers.update(params.provider, {
        ...fields,
        ...(enabled === undefined ? {} : { enabled: String(enabled) }),
      });
      return { ...view, redirectUri: callbackUrl(services.settings, request, view.provider) };
    },
  );
}

/**
 * The operator's public address when set, else the address this request came to: the callback
 * returns to the requester's own browser, so a forged Host only misleads the forger.
 */
function callbackUrl(settings: SettingsService, request: FastifyRequest, provider: string): string {
  const base = publicBaseFor(settings.value.publicBaseUrl, request);
  return `${base}/api/auth/oauth/${encodeURIComponent(provider)}/callback`;
}

function failTo(reply: FastifyReply, linking: boolean, error: unknown, logger: Pick<Logger, 'warn'> | undefined): void {
  const code: OAuthErrorCode = error instanceof OAuthError ? error.code : 'exchange_failed';
  // Never the code, state or tokens: the message and cause say which check failed.
  logger?.warn({ err: error, code }, 'sign-in with a provider failed');
  // Linking errors belong on the account page, unless there is no session to show it in.
  const page = linking && code !== 'link_requires_session' ? '/account' : '/login';
  reply.header('location', `${page}?oauth_error=${code}`);
}

function stateCookie(state: string, maxAgeSeconds: number, request: FastifyRequest): string {
  const attributes = [
    `${OAUTH_STATE_COOKIE}=${encodeURIComponent(state)}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(maxAgeSeconds)}`,
  ];
  if (request.protocol === 'https') attributes.push('Secure');
  return attributes.join('; ');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
