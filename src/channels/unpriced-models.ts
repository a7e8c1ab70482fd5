import { builtinVendors } from '../vendors/vendor-registry.js';
import type { ChannelView } from './channel-view.js';

/** The relay's price question: is there a sale price for this upstream model of this vendor? */
export type PriceKnown = (vendor: string, upstreamModel: string) => boolean;

/**
 * The models a channel names explicitly (its list, without globs, and its mapping's client names)
 * that a metered user could not be served, because the price book, asked exactly as the relay asks
 * it at hold time (the channel's vendor and the upstream model after mapping), knows no price.
 * Globs and the vendor's default list are the catalog's models, priced by the catalog.
 */
export function unpricedModels(
  view: Pick<ChannelView, 'type' | 'models' | 'modelMapping'>,
  known: PriceKnown,
): string[] {
  const vendor = (builtinVendors.find(view.type) ?? builtinVendors.generic).name;
  const named = new Set<string>();
  for (const model of view.models ?? []) if (!model.includes('*')) named.add(model);
  for (const model of Object.keys(view.modelMapping)) named.add(model);
  return [...named].filter((model) => !known(vendor, view.modelMapping[model] ?? model)).sort();
}
