import { type Catalog, getBuiltinCatalog } from '../catalog/catalog.js';
import { builtinVendors, type VendorRegistry } from '../vendors/vendor-registry.js';
import { answersImagesInChat } from './chat-image-model.js';
import type { ModelDirectory } from './model-directory.js';

/**
 * The router's view of the built-in catalog: chat models per vendor, output limits and modes. A
 * vendor's chat models are listed only when AIHub serves chat through it (vendor-entry.ts
 * `modelKinds`): the catalog knows Cohere's `command-r`, but a Cohere channel only reranks.
 */
export function catalogDirectory(
  catalog: Catalog = getBuiltinCatalog(),
  vendors: VendorRegistry = builtinVendors,
): ModelDirectory {
  const chatIds = new Map<string, string[]>();
  return {
    chatModelIds(vendor) {
      let ids = chatIds.get(vendor);
      if (!ids) {
        ids = vendors.serves(vendor, 'chat') ? catalogChatModelIds(catalog, vendor) : [];
        chatIds.set(vendor, ids);
      }
      return ids;
    },
    maxOutputTokens(vendor, modelId) {
      return catalog.get(vendor, modelId)?.maxOutputTokens ?? undefined;
    },
    modelMode(vendor, modelId) {
      // A relay or self-hosted channel (custom, ollama...) serves ids the catalog files under
      // their maker: any provider's entry says what the model is.
      return catalog.get(vendor, modelId)?.mode ?? catalog.findById(modelId)[0]?.mode;
    },
    contextWindow(vendor, modelId) {
      return catalog.get(vendor, modelId)?.contextWindow ?? undefined;
    },
  };
}

function catalogChatModelIds(catalog: Catalog, vendor: string): string[] {
  return (
    catalog
      .listByProvider(vendor)
      // Models only reachable through other APIs (Responses-only, legacy completions) are not routable
      // here; image models that answer in chat are (chat-image-model.ts).
      .filter((model) => (model.mode === 'chat' || answersImagesInChat(model)) && !model.endpoint)
      .map((model) => model.id)
  );
}
