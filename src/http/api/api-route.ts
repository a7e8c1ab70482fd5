import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../../accounts/principal.js';
import { GatewayError } from '../../ir/index.js';
import { validationError } from '../../surfaces/openai/validation-error.js';
import type { PrincipalResolver } from './principal-resolver.js';

/** What the registry counts `limitedPerAddress` routes with (src/limits/address-limiter.ts). */
export interface AddressAdmission {
  admit(endpoint: string, ip: string): Promise<void>;
}

export type Access = 'public' | 'user' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One REST route: validation schemas double as its OpenAPI description. */
export interface ApiRouteSpec<Body = unknown, Query = unknown, Params = unknown> {
  method: HttpMethod;
  /** Fastify path syntax: `/api/keys/:id`. */
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  params?: z.ZodType<Params>;
  /** The success body's schema (documentation only: responses are built by our code). */
  response?: z.ZodType;
  /**
   * The success body by media type, for a route that answers in more than JSON (the payment
   * notify route: a provider's `success` text, or Stripe's JSON acknowledgement). Documented
   * instead of `response`; its `application/json` entry is what JSON answers are checked against.
   */
  responseByType?: Record<string, z.ZodType>;
  /** Success status (default 200). */
  status?: number;
  /**
   * Only a console session (or an administrator's key) may call this: a user's API key cannot,
   * so a leaked, restricted key cannot mint itself an unrestricted one or change the password.
   */
  sessionOnly?: boolean;
  /**
   * Counted per client address before anything else runs (a 429 past the limit): the
   * unauthenticated account endpoints, which anyone can call in a loop. See AddressLimiter.
   */
  limitedPerAddress?: boolean;
}

export interface ApiContext<Body, Query, Params, Auth extends Principal | undefined> {
  principal: Auth;
  body: Body;
  query: Query;
  params: Params;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * A check every route runs after authentication and its role check (the operator's requirement
 * that administrators use 2FA); it throws to refuse.
 */
export type RouteGuard = (spec: ApiRouteSpec, principal: Principal | undefined) => Promise<void>;

type PrincipalFor<A extends Access> = A extends 'public' ? Principal | undefined : Principal;

const MUTATING = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Registers REST routes with one behaviour for all of them: authenticate, check the role, check
 * CSRF for cookie sessions, validate params/query/body with zod (a 400 naming the field), then
 * call the handler. The specs are kept to build `/api/openapi.json`.
 */
export interface ApiRegistryOptions {
  /**
   * Checks every success body against the route's response schema, and fails the request when it
   * does not match or carries a field the schema does not name (tests turn it on: the schemas are
   * the OpenAPI document the console's types are generated from, so they must tell the truth).
   */
  checkResponses?: boolean;
  /** Required once a route is `limitedPerAddress`: such a route is never registered unlimited. */
  addressLimiter?: AddressAdmission;
}

export class ApiRegistry {
  constructor(
    private readonly app: FastifyInstance,
    private readonly principals: PrincipalResolver,
    private readonly options: ApiRegistryOptions = {},
    /** Every route's spec, for the OpenAPI document (shared with the scopes made by `inScope`). */
    readonly routes: ApiRouteSpec[] = [],
    /** Shared with the scopes made by `inScope`, like the routes. */
    private readonly guards: RouteGuard[] = [],
  ) {}

  /** Adds a check to every route, those registered before it included. */
  addGuard(guard: RouteGuard): void {
    this.guards.push(guard);
  }

  /**
   * Registers routes in an encapsulated Fastify scope, for routes that need something of their
   * own (another body parser) without changing it for the others; they are listed in the same
   * OpenAPI document. Fastify runs `setUp` when the server gets ready.
   */
  inScope(setUp: (scope: FastifyInstance, api: ApiRegistry) => void): void {
    void this.app.register(async (scope) => {
      setUp(scope, new ApiRegistry(scope, this.principals, this.options, this.routes, this.guards));
    });
  }

  route<Body, Query, Params, A extends Access>(
    spec: ApiRouteSpec<Body, Query, Params> & { access: A },
    handler: (context: ApiContext<Body, Query, Params, PrincipalFor<A>>) => Promise<unknown>,
  ): void {
    const { addressLimiter } = this.options;
    if (spec.limitedPerAddress && !addressLimiter) {
      throw new Error(`${spec.method} ${spec.url} is limited per address, but the registry has no address limiter`);
    }
    this.routes.push(spec as ApiRouteSpec);
    this.app.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        // request.ip is the client as resolved under AIHUB_TRUST_PROXY: a forwarded-for header
        // from a peer that is not a trusted proxy is ignored, so it cannot spread the count.
        if (spec.limitedPerAddress) await addressLimiter?.admit(`${spec.method} ${spec.url}`, request.ip);
        const principal = await this.principals.resolve(request);
        authorize(spec, principal, request);
        for (const guard of this.guards) await guard(spec as ApiRouteSpec, principal);
        const context = {
          principal: principal as PrincipalFor<A>,
          body: parse(spec.body, request.body ?? {}),
          query: parse(spec.query, request.query ?? {}),
          params: parse(spec.params, request.params ?? {}),
          request,
          reply,
        };
        const result = await handler(context);
        if (this.options.checkResponses) checkResponse(spec, result, reply);
        if (spec.status) reply.code(spec.status);
        if (result === undefined) {
          reply.code(spec.status ?? 204);
          return reply.send();
        }
        return result;
      },
    });
  }
}

function authorize(spec: ApiRouteSpec, principal: Principal | undefined, request: FastifyRequest): void {
  if (spec.access === 'public') return;
  if (!principal) {
    throw new GatewayError({ kind: 'authentication', message: 'Log in or send an API key.', code: 'unauthenticated' });
  }
  if (spec.access === 'admin' && principal.role !== 'admin') {
    throw new GatewayError({ kind: 'permission', message: 'This needs an administrator.', code: 'admin_required' });
  }
  if (spec.sessionOnly && principal.via === 'api-key' && principal.role !== 'admin') {
    throw new GatewayError({
      kind: 'permission',
      message: 'This needs a console session; API keys cannot manage keys or passwords.',
      code: 'session_required',
    });
  }
  if (principal.via === 'session' && MUTATING.has(spec.method)) {
    const token = request.headers['x-csrf-token'];
    if (typeof token !== 'string' || !principal.csrfToken || !sameSecret(token, principal.csrfToken)) {
      throw new GatewayError({
        kind: 'permission',
        message: 'Missing or wrong x-csrf-token header for a session request.',
        code: 'csrf_failed',
      });
    }
  }
}

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw validationError(parsed.error);
}

/** Throws when a success body strays from the route's documented response (see checkResponses). */
function checkResponse(spec: ApiRouteSpec, result: unknown, reply: FastifyReply): void {
  const type = reply.getHeader('content-type');
  const schema = spec.responseByType ? spec.responseByType['application/json'] : spec.response;
  if (result === undefined || !schema || (typeof type === 'string' && !type.includes('json'))) return;
  const body: unknown = JSON.parse(typeof result === 'string' ? result : JSON.stringify(result));
  const parsed = schema.safeParse(body);
  const where = `${spec.method} ${spec.url}`;
  if (!parsed.success)
    throw new Error(`${where}: the answer does not match its response schema: ${parsed.error.message}`);
  const undocumented = strayFields(body, parsed.data);
  if (undocumented.length > 0)
    throw new Error(`${where}: fields missing from its response schema: ${undocumented.join(', ')}`);
}

/** Paths present in `sent` but dropped by the schema's parse (zod objects strip unknown keys). */
function strayFields(sent: unknown, kept: unknown, path = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((item, index) => strayFields(item, kept[index], `${path}[${index}]`)).slice(0, 10);
  }
  if (typeof sent !== 'object' || sent === null || typeof kept !== 'object' || kept === null) return [];
  return Object.entries(sent).flatMap(([key, value]) =>
    key in kept ? strayFields(value, (kept as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}
