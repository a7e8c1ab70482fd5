import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../../ir/index.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { authenticateCaller } from '../authenticate.js';

/** The authenticated caller and the `{id}` of a stored-response route; every read names the caller as owner. */
export async function ownerAndId(
  request: FastifyRequest,
  deps: RelayDeps,
): Promise<{ caller: RelayCaller; id: string }> {
  const caller = await authenticateCaller(request, deps);
  const id = (request.params as { id?: string }).id ?? '';
  return { caller, id };
}

/** What OpenAI answers for an unknown response id; another user's response reads the same. */
export function responseNotFound(id: string): GatewayError {
  return new GatewayError({
    kind: 'not_found',
    message: `Response with id '${id.slice(0, 200)}' not found.`,
    param: 'response_id',
    code: 'response_not_found',
  });
}
