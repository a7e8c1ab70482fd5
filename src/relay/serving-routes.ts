import { GatewayError } from '../ir/index.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';

/**
 * The routes of `model` for the caller whose channel can do what the endpoint asks (embeddings,
 * images, rerank...): the router's answer, narrowed. None left is a 404 `model_not_found`, which
 * says what the channels lack: the model exists, but not for this endpoint.
 */
export function servingRoutes(
  deps: Pick<RelayDeps, 'router'>,
  caller: Pick<RelayCaller, 'group'>,
  model: string,
  endpoint: { serves: (candidate: RouteCandidate) => boolean; offering: string },
): RouteCandidate[] {
  const candidates = deps.router.resolve(model, caller.group).filter(endpoint.serves);
  if (candidates.length === 0) {
    throw new GatewayError({
      kind: 'not_found',
      message: `The model '${model}' is not served by any channel that ${endpoint.offering}.`,
      param: 'model',
      code: 'model_not_found',
    });
  }
  return candidates;
}
