import type { Channel } from '../routing/channel.js';
import { isGlob } from '../routing/glob.js';
import type { ModelDirectory } from '../routing/model-directory.js';
import { builtinVendors, type VendorRegistry } from '../vendors/vendor-registry.js';

/**
 * The model a test uses when the admin names none: what the channel itself declares first (its
 * first exact model id, then its first mapped name), else the vendor's cheap test model (its
 * registry entry's `testModel`, so a test costs a fraction of a cent), else the catalog's first
 * model for the vendor. Undefined when nothing fits.
 */
export function defaultTestModel(
  channel: Channel,
  directory?: ModelDirectory,
  vendors: VendorRegistry = builtinVendors,
): string | undefined {
  const declared = channel.models?.find((model) => !isGlob(model)) ?? Object.keys(channel.modelMapping)[0];
  return declared ?? vendors.testModel(channel.vendor) ?? directory?.chatModelIds(channel.vendor)[0];
}
