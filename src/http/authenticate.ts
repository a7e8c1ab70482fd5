import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../ir/index.js';
import type { RelayDeps } from '../relay/relay-deps.js';
import type { RelayCaller } from '../relay/relay-ports.js';
import { extractApiKey } from './auth.js';

/**
 * The one authentication hook of every `/v1` and `/v1beta` route: the key from wherever the
 * caller's SDK puts it (auth.ts), checked from memory, failures counted per address (guessing keys
 * costs: 429 past the limit), and the key's address rules applied.
 */
export async function authenticateCaller(request: FastifyRequest, deps: RelayDeps): Promise<RelayCaller> {
  let caller: RelayCaller;
  try {
    caller = deps.auth.authenticate(extractApiKey(request.raw, request.query as Record<string, unknown>));
  } catch (error) {
    if ((error as GatewayError).status === 401) await deps.ipLimiter?.hit('auth_failure', request.ip);
    throw error;
  }
  if (!caller.allowsIp(request.ip)) {
    throw new GatewayError({
      kind: 'permission',
      message: `This API key may not be used from ${request.ip}.`,
      code: 'ip_not_allowed',
    });
  }
  return caller;
}
