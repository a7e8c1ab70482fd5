import type { PriceRules } from '../billing/price-rules.js';
import type { Catalog } from '../catalog/catalog.js';
import type { KnownModels } from './metric-labels.js';

/**
 * The models a metric may name: the effective catalog's ids (a `provider/model` id as the catalog
 * lists it under that provider) and the ids the operator's price rules name. Both are bounded by
 * the operator; a name a client made up is neither. Read live, so catalog and price changes apply.
 */
export function catalogKnownModels(catalog: () => Catalog, priceRules: () => PriceRules): KnownModels {
  return {
    has(vendor, model) {
      const current = catalog();
      if (current.findById(model).length > 0) return true;
      if (vendor !== null && current.has(vendor, model)) return true;
      const slash = model.indexOf('/');
      if (slash > 0 && current.has(model.slice(0, slash), model.slice(slash + 1))) return true;
      const rules = priceRules().models;
      return Object.hasOwn(rules, model) || (vendor !== null && Object.hasOwn(rules, `${vendor}/${model}`));
    },
  };
}
