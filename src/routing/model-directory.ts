import type { ModelMode } from '../catalog/catalog-schema.js';

/** What the router needs to know about models: which ids a vendor serves by default, and their limits. */
export interface ModelDirectory {
  /** Chat model ids the catalog lists for a vendor. */
  chatModelIds(vendor: string): string[];
  /** The model's maximum output tokens, when known. */
  maxOutputTokens(vendor: string, modelId: string): number | undefined;
  /** The catalog's mode of the model (chat, embedding, ...); undefined when the catalog does not know it. */
  modelMode?(vendor: string, modelId: string): ModelMode | undefined;
  /** The model's input window in tokens, when known (an embedding input may not exceed it). */
  contextWindow(vendor: string, modelId: string): number | undefined;
}

export const EMPTY_DIRECTORY: ModelDirectory = {
  chatModelIds: () => [],
  maxOutputTokens: () => undefined,
  contextWindow: () => undefined,
};
