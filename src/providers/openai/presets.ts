import { builtinVendors } from '../../vendors/vendor-registry.js';
import type { OpenAICompatQuirks } from './compat-quirks.js';

export type { OpenAICompatQuirks, ReasoningEcho } from './compat-quirks.js';

/** An OpenAI-compatible vendor's quirks, by its name. */
export interface CompatPreset {
  name: string;
  quirks: OpenAICompatQuirks;
}

/**
 * The quirks of the OpenAI-compatible vendor named `name` (its entry in the vendor registry), for
 * a compat object that carries only the name. Undefined for other names.
 */
export function findCompatPreset(name: string): CompatPreset | undefined {
  const vendor = builtinVendors.find(name);
  return vendor?.compat ? { name: vendor.name, quirks: vendor.compat } : undefined;
}
