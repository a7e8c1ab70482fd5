import type { RelayDeps } from '../../relay/relay-deps.js';
import { type ModelKind, routedModelKind } from '../../routing/model-kind.js';

/** The kind of a model the gateway lists (`chat` when the catalog does not know it). */
export function listedModelKind(id: string, deps: Pick<RelayDeps, 'router' | 'directory'>): ModelKind {
  const { directory } = deps;
  return routedModelKind(deps.router.servingChannels(id), (vendor, model) => directory.modelMode?.(vendor, model));
}
