import type { ChatRequest } from '../ir/index.js';
import { applyPreset } from '../presets/apply-preset.js';
import { PRESET_NAME, PRESET_PREFIX } from '../presets/preset-body.js';
import { presetNotFound } from '../presets/preset-store.js';
import { type DefaultModels, withDefaultModel } from '../routing/default-model.js';
import { type ModelAliases, resolveAlias } from '../routing/model-aliases.js';
import { applyRoutingSuffix } from '../routing/model-suffix.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';

const NO_ALIASES: ModelAliases = {};
const NO_DEFAULTS: DefaultModels = {};

/**
 * The request as the caller steered it by its model name, on every API: the group's default model
 * when it named none, then a preset (`@preset/name`, whose model may be an alias or carry a routing
 * suffix), then the routing suffix (`:floor`, `:nitro`), then the operator's aliases (`fast`).
 */
export async function steeredRequest(request: ChatRequest, caller: RelayCaller, deps: RelayDeps): Promise<ChatRequest> {
  const named = withDefaultModel(request, deps.defaultModels?.() ?? NO_DEFAULTS, caller.group);
  return resolveAlias(
    applyRoutingSuffix(await withPreset(named, caller, deps)),
    deps.modelAliases?.() ?? NO_ALIASES,
    caller.group,
  );
}

/** `@preset/<name>`: the caller's own preset of that name, else the operator's; a 404 when neither. */
async function withPreset(request: ChatRequest, caller: RelayCaller, deps: RelayDeps): Promise<ChatRequest> {
  if (!request.model.startsWith(PRESET_PREFIX)) return request;
  const name = request.model.slice(PRESET_PREFIX.length);
  const preset = deps.presets && PRESET_NAME.test(name) ? await deps.presets.find(caller.userId, name) : undefined;
  if (!preset) throw presetNotFound(name);
  return applyPreset(request, preset);
}
