import type { ModelMode } from '../catalog/catalog-schema.js';
import type { RouteCandidate } from './model-router.js';

/**
 * What a listed model does (`chat`, `embedding`, `image`, ...), as `/v1/models` and `/api/models`
 * say it: the catalog's `mode` under another name, because clients read it as a kind of model,
 * not as a mode of one.
 */
export type ModelKind = ModelMode;

/**
 * The kind of a routed model: the catalog's mode of the model each channel sends upstream (after
 * its mapping, so an alias takes its target's kind), first channel that the catalog knows wins.
 * A model the catalog does not know is `chat`: that is what an operator's own id (a fine-tune, a
 * local model, last week's release) almost always is, and what the gateway served before kinds.
 */
export function routedModelKind(
  candidates: readonly RouteCandidate[],
  modeOf: (vendor: string, modelId: string) => ModelMode | undefined,
): ModelKind {
  for (const { channel, upstreamModel } of candidates) {
    const mode = modeOf(channel.vendor, upstreamModel);
    if (mode) return mode;
  }
  return 'chat';
}
