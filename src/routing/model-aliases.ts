import { z } from 'zod';
import type { ChatRequest } from '../ir/index.js';

/**
 * Model aliases (the operator's `fast`, `smart`, `cheap`...): a name callers use as a model, mapped
 * to an ordered list of models, optionally another list per key group (`vip` callers' `smart` may
 * be a dearer model than everyone else's). Calling an alias tries its models in order, as a request
 * with `models` would (relay/model-fallback.ts): the first serves, the others are fallbacks, and
 * the answer names the model that served. An alias maps to models, never to other aliases.
 */
const modelName = z.string().trim().min(1).max(300);
const modelList = z.array(modelName).min(1).max(8);

export const modelAliasesSchema = z.record(
  z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.@-]+$/, 'An alias is letters, digits and . _ - @'),
  z.object({
    models: modelList.describe('Tried in order'),
    groups: z.record(z.string().min(1).max(64), modelList).optional().describe('Key group → its own list'),
    description: z.string().max(300).optional(),
  }),
);

export type ModelAliases = z.infer<typeof modelAliasesSchema>;

/** The request with an alias model replaced by its list for the caller's group; otherwise as it is. */
export function resolveAlias(request: ChatRequest, aliases: ModelAliases, group: string): ChatRequest {
  const alias = Object.hasOwn(aliases, request.model) ? aliases[request.model] : undefined;
  if (!alias) return request;
  const [first, ...rest] = alias.groups?.[group] ?? alias.models;
  const fallbacks = [...new Set([...rest, ...(request.fallbackModels ?? [])])].filter((model) => model !== first);
  const resolved: ChatRequest = { ...request, model: first as string };
  if (fallbacks.length > 0) resolved.fallbackModels = fallbacks;
  else delete resolved.fallbackModels;
  return resolved;
}
