import { z } from 'zod';
import { type ChatRequest, GatewayError } from '../ir/index.js';

/**
 * The model a request that names none is served by (OpenRouter lets a Chat Completions call omit
 * `model`: the account's default answers). The operator sets one per key group, or for every group
 * under `*`; it may be an alias or a preset, which are resolved after it (relay/steered-request.ts).
 * Without one, leaving the model out is the 400 it always was.
 */
export const defaultModelsSchema = z.record(
  z.string().trim().min(1).max(64),
  z.string().trim().min(1).max(300).describe('A model id, an alias or @preset/<name>'),
);

export type DefaultModels = z.infer<typeof defaultModelsSchema>;

/** The request with the caller's group's default model when it named none; otherwise as it is. */
export function withDefaultModel(request: ChatRequest, defaults: DefaultModels, group: string): ChatRequest {
  if (!request.modelOmitted) return request;
  const model = Object.hasOwn(defaults, group) ? defaults[group] : defaults['*'];
  if (!model) throw missingModel();
  return { ...request, model };
}

export function missingModel(): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message: "Missing required parameter: 'model'.",
    param: 'model',
    code: 'missing_required_parameter',
  });
}
