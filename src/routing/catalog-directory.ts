import { type Catalog, getBuiltinCatalog } from '../catalog/catalog.js';
import type { ModelDirectory } from './model-directory.js';

/** The router's view of the built-in catalog: chat models per vendor, and output limits. */
export function catalogDirectory(catalog: Catalog = getBuiltinCatalog()): ModelDirectory {
  const chatIds = new Map<string, string[]>();
  return {
    chatModelIds(vendor) {
      let ids = chatIds.get(vendor);
      if (!ids) {
        ids = catalog
          .listByProvider(vendor)
          // Models only reachable through other APIs (Responses-only, legacy completions) are not routable here.
          .filter((model) => model.mode === 'chat' && !model.endpoint)
          .map((model) => model.id);
        chatIds.set(vendor, ids);
      }
      return ids;
    },
    maxOutputTokens(vendor, modelId) {
      return catalog.get(vendor, modelId)?.maxOutputTokens ?? undefined;
    },
    contextWindow(vendor, modelId) {
      return catalog.get(vendor, modelId)?.contextWindow ?? undefined;
    },
  };
}
