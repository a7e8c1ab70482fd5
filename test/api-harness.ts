/**
 * A REST API under test without the relay: the real HTTP foundation (parsing, error envelope),
 * an ApiRegistry with the given principal resolver, and whatever routes the test registers.
 * Use `app.inject(...)` (no socket) or `listen` for a real client.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pino from 'pino';
import type { Principal } from '../src/accounts/principal.js';
import { ApiRegistry } from '../src/http/api/api-route.js';
import type { PrincipalResolver } from '../src/http/api/principal-resolver.js';
import { createHttpApp } from '../src/http/server.js';
import { AddressLimiter } from '../src/limits/address-limiter.js';
import { type AttemptRule, attemptCounters } from '../src/limits/attempt-counter.js';

export interface ApiHarness {
  app: FastifyInstance;
  api: ApiRegistry;
}

export interface ApiHarnessOptions {
  /** Per-address limit of the public account routes (default: the production rule, in memory). */
  addressRule?: AttemptRule;
  /** Fastify's trustProxy (default: trust no peer). */
  trustProxy?: boolean | number | string;
}

export function createApiHarness(
  resolver: PrincipalResolver,
  register: (api: ApiRegistry) => void,
  options: ApiHarnessOptions = {},
): ApiHarness {
  const app = createHttpApp({
    bodyLimitBytes: 1024 * 1024,
    logger: pino({ level: 'silent' }),
    trustProxy: options.trustProxy,
  });
  // Every answer is checked against its documented schema: the console's types come from them.
  const api = new ApiRegistry(app, resolver, {
    checkResponses: true,
    addressLimiter: new AddressLimiter(attemptCounters(), options.addressRule),
  });
  register(api);
  return { app, api };
}

/**
 * A resolver for tests of routes whose authentication is not the point: the caller is whoever
 * the `x-test-user` header names, with `x-test-role` (default `user`) and via an API key (no CSRF).
 */
export const headerPrincipals: PrincipalResolver = {
  async resolve(request: FastifyRequest): Promise<Principal | undefined> {
    const userId = request.headers['x-test-user'];
    if (typeof userId !== 'string') return undefined;
    const role = request.headers['x-test-role'] === 'admin' ? 'admin' : 'user';
    return {
      userId,
      role,
      group: String(request.headers['x-test-group'] ?? 'default'),
      via: 'api-key',
      keyId: 'key_test',
    };
  },
};
