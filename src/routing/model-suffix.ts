import type { ChatRequest, ProviderPreferences } from '../ir/index.js';

/**
 * OpenRouter's routing shortcuts on a model name: `:floor` sorts the model's providers by price
 * (cheapest first), `:nitro` by throughput (fastest first). Only these two, only at the end:
 * other colons are part of model ids (`llama3:8b`, `:free`).
 */
const SUFFIXES: Record<string, NonNullable<ProviderPreferences['sort']>> = {
  ':floor': 'price',
  ':nitro': 'throughput',
};

export function splitRoutingSuffix(model: string): { model: string; sort?: ProviderPreferences['sort'] } {
  for (const [suffix, sort] of Object.entries(SUFFIXES)) {
    if (model.length > suffix.length && model.endsWith(suffix)) return { model: model.slice(0, -suffix.length), sort };
  }
  return { model };
}

/**
 * The request with the suffixes taken off its model and its fallbacks; the model's own suffix sets
 * the request's sort, unless `provider.sort` already does.
 */
export function applyRoutingSuffix(request: ChatRequest): ChatRequest {
  const { model, sort } = splitRoutingSuffix(request.model);
  const fallbacks = request.fallbackModels?.map((fallback) => splitRoutingSuffix(fallback).model);
  if (!sort && !fallbacks?.some((fallback, i) => fallback !== request.fallbackModels?.[i])) return request;
  const routed: ChatRequest = { ...request, model };
  if (fallbacks) routed.fallbackModels = fallbacks.filter((fallback) => fallback !== model);
  if (sort && !request.providerPreferences?.sort) routed.providerPreferences = { ...request.providerPreferences, sort };
  return routed;
}
