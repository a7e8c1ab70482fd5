import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../ir/index.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { encodeAnthropicModel, encodeAnthropicModelList } from '../../surfaces/anthropic/index.js';
import { authenticateCaller } from '../authenticate.js';

/**
 * An Anthropic SDK (or Claude Code) asks: it sends `anthropic-version`, or its key as `x-api-key`.
 * OpenAI's SDKs send neither.
 */
function wantsAnthropicShape(request: FastifyRequest): boolean {
  return request.headers['anthropic-version'] !== undefined || request.headers['x-api-key'] !== undefined;
}

/** GET /v1/models in OpenAI's list format (Anthropic's for Anthropic clients): every model with a route. */
export function registerModels(app: FastifyInstance, deps: RelayDeps): void {
  // Built once per router: the list only changes when channels change.
  const created = Math.floor(deps.now() / 1000);
  const list = () =>
    deps.router.listModels().map((model) => ({ id: model.id, object: 'model', created, owned_by: model.ownedBy }));

  app.get('/v1/models', async (request, reply) => {
    await authenticateCaller(request, deps);
    reply.header('cache-control', 'no-store');
    if (wantsAnthropicShape(request)) {
      return encodeAnthropicModelList(list().map((model) => ({ id: model.id, createdAt: created })));
    }
    return { object: 'list', data: list() };
  });

  app.get<{ Params: { '*': string } }>('/v1/models/*', async (request) => {
    await authenticateCaller(request, deps);
    const id = request.params['*'];
    const candidates = deps.router.resolve(id);
    const found = list().find((model) => model.id === id);
    if (found && wantsAnthropicShape(request)) return encodeAnthropicModel({ id, createdAt: created });
    if (found) return found;
    if (candidates.length === 0)
      throw new GatewayError({
        kind: 'not_found',
        message: `The model '${id}' does not exist.`,
        code: 'model_not_found',
      });
    if (wantsAnthropicShape(request)) return encodeAnthropicModel({ id, createdAt: created });
    return { id, object: 'model', created, owned_by: candidates[0]?.channel.vendor };
  });
}
