import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../ir/index.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { encodeAnthropicModel, encodeAnthropicModelList } from '../../surfaces/anthropic/index.js';
import { authenticateCaller } from '../authenticate.js';
import { listedModelKind } from './listed-model-kind.js';

/**
 * An Anthropic SDK (or Claude Code) asks: it sends `anthropic-version`, or its key as `x-api-key`.
 * OpenAI's SDKs send neither.
 */
function wantsAnthropicShape(request: FastifyRequest): boolean {
  return request.headers['anthropic-version'] !== undefined || request.headers['x-api-key'] !== undefined;
}

/**
 * GET /v1/models in OpenAI's list format (Anthropic's for Anthropic clients): every model with a
 * route. Each entry also says its `kind` (chat, embedding, image, ...): an extra field, which the
 * official SDKs of both vendors keep without complaint, so a client can tell which endpoint a
 * model answers on.
 */
export function registerModels(app: FastifyInstance, deps: RelayDeps): void {
  const created = Math.floor(deps.now() / 1000);
  const entry = (model: { id: string; ownedBy: string }) => ({
    id: model.id,
    object: 'model',
    created,
    owned_by: model.ownedBy,
    kind: listedModelKind(model.id, deps),
  });
  // The operator's aliases are models to a client: listed first, owned by AIHub, as chat models.
  const aliases = () =>
    Object.keys(deps.modelAliases?.() ?? {}).map((id) => ({
      id,
      object: 'model',
      created,
      owned_by: 'aihub',
      kind: 'chat',
    }));
  const list = () => [...aliases(), ...deps.router.listModels().map(entry)];

  app.get('/v1/models', async (request, reply) => {
    await authenticateCaller(request, deps);
    reply.header('cache-control', 'no-store');
    const models = list();
    if (wantsAnthropicShape(request)) {
      const page = encodeAnthropicModelList(models.map((model) => ({ id: model.id, createdAt: created })));
      return { ...page, data: page.data.map((info, index) => ({ ...info, kind: models[index]?.kind })) };
    }
    return { object: 'list', data: models };
  });

  app.get<{ Params: { '*': string } }>('/v1/models/*', async (request) => {
    await authenticateCaller(request, deps);
    const id = request.params['*'];
    const alias = aliases().find((listedAlias) => listedAlias.id === id);
    if (alias)
      return wantsAnthropicShape(request)
        ? { ...encodeAnthropicModel({ id, createdAt: created }), kind: alias.kind }
        : alias;
    const candidates = deps.router.resolve(id);
    const listed = deps.router.listModels().find((model) => model.id === id);
    const found = listed && entry(listed);
    if (found && wantsAnthropicShape(request)) {
      return { ...encodeAnthropicModel({ id, createdAt: created }), kind: found.kind };
    }
    if (found) return found;
    if (candidates.length === 0)
      throw new GatewayError({
        kind: 'not_found',
        message: `The model '${id}' does not exist.`,
        code: 'model_not_found',
      });
    const kind = listedModelKind(id, deps);
    if (wantsAnthropicShape(request)) return { ...encodeAnthropicModel({ id, createdAt: created }), kind };
    return { id, object: 'model', created, owned_by: candidates[0]?.channel.vendor, kind };
  });
}
