import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../ir/index.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { authenticateCaller } from '../authenticate.js';

/** GET /v1/models in OpenAI's list format: every model with a route. */
export function registerModels(app: FastifyInstance, deps: RelayDeps): void {
  // Built once per router: the list only changes when channels change.
  const created = Math.floor(deps.now() / 1000);
  const list = () =>
    deps.router.listModels().map((model) => ({ id: model.id, object: 'model', created, owned_by: model.ownedBy }));

  app.get('/v1/models', async (request, reply) => {
    await authenticateCaller(request, deps);
    reply.header('cache-control', 'no-store');
    return { object: 'list', data: list() };
  });

  app.get<{ Params: { '*': string } }>('/v1/models/*', async (request) => {
    await authenticateCaller(request, deps);
    const id = request.params['*'];
    const candidates = deps.router.resolve(id);
    const found = list().find((model) => model.id === id);
    if (found) return found;
    if (candidates.length === 0)
      throw new GatewayError({
        kind: 'not_found',
        message: `The model '${id}' does not exist.`,
        code: 'model_not_found',
      });
    return { id, object: 'model', created, owned_by: candidates[0]?.channel.vendor };
  });
}
