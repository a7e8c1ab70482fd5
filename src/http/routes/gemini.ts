import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../ir/index.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import {
  encodeGeminiModel,
  encodeGeminiModelList,
  geminiSurface,
  geminiTokenCounting,
  modelFromPath,
} from '../../surfaces/gemini/index.js';
import type { SurfaceInput } from '../../surfaces/surface.js';
import { authenticateCaller } from '../authenticate.js';
import { countTokensHandler } from './count-tokens-route.js';
import { listedModelKind } from './listed-model-kind.js';
import { surfaceHandler } from './surface-route.js';

/**
 * Gemini's API, as Google's SDKs and Gemini CLI call it: `POST /v1beta/models/{model}:{action}`
 * (`generateContent`, `streamGenerateContent` with or without `alt=sse`, `countTokens`), and the
 * model list. The model and the action share one path segment, so the route takes the rest of the
 * path and splits it at the last colon.
 */
export function registerGemini(app: FastifyInstance, deps: RelayDeps): void {
  const withModelAction = (input: SurfaceInput): SurfaceInput => ({ ...input, params: modelAction(input.params['*']) });
  const relay = surfaceHandler(geminiSurface, deps, { prepare: withModelAction });
  const count = countTokensHandler(geminiSurface, geminiTokenCounting, deps, withModelAction);

  app.post<{ Params: { '*': string } }>('/v1beta/models/*', async (request, reply) => {
    const { action } = modelAction(request.params['*']);
    return action === 'countTokens' ? count(request, reply) : relay(request, reply);
  });

  const routable = () => deps.router.listModels();
  app.get('/v1beta/models', async (request, reply) => {
    await authenticateCaller(request, deps);
    reply.header('cache-control', 'no-store');
    return encodeGeminiModelList(routable().map((model) => listed(model.id, deps)));
  });

  app.get<{ Params: { '*': string } }>('/v1beta/models/*', async (request) => {
    await authenticateCaller(request, deps);
    const id = modelFromPath(`models/${request.params['*']}`);
    const known = routable().some((model) => model.id === id) || deps.router.resolve(id).length > 0;
    if (!known) {
      throw new GatewayError({ kind: 'not_found', message: `models/${id} is not found.`, code: 'model_not_found' });
    }
    return encodeGeminiModel(listed(id, deps));
  });
}

/** `gemini-2.5-flash:generateContent` → model and action (a model id may itself hold colons). */
function modelAction(rest: string | undefined): { model: string; action: string } {
  const path = rest ?? '';
  const colon = path.lastIndexOf(':');
  if (colon <= 0) {
    throw new GatewayError({
      kind: 'not_found',
      message: `Invalid URL: expected /v1beta/models/{model}:generateContent, :streamGenerateContent or :countTokens.`,
      code: 'unknown_url',
    });
  }
  return { model: path.slice(0, colon), action: path.slice(colon + 1) };
}

function listed(id: string, deps: RelayDeps) {
  const vendor = deps.router.resolve(id)[0]?.channel.vendor;
  const outputTokenLimit = vendor ? deps.directory.maxOutputTokens(vendor, id) : undefined;
  const kind = listedModelKind(id, deps);
  return outputTokenLimit ? { id, outputTokenLimit, kind } : { id, kind };
}
