/**
 * Shapes of `GET /api/models` (the catalog with official and sale prices, from the server's
 * OpenAPI document) and `GET /v1/models` (what the gateway can route now, in OpenAI's format).
 * Money is integer units of 1e-6 USD per 1M tokens.
 */
import type { CatalogModel, ModelCatalog, ModelPrices } from '../../lib/types';

export type { CatalogModel } from '../../lib/types';
export type CatalogResponse = ModelCatalog;
export type PriceSheet = ModelPrices;
export type SalePriceSheet = NonNullable<CatalogModel['sale']>;
export type TierPrice = NonNullable<PriceSheet['tiers']>[number];

/** One entry of `GET /v1/models` (OpenAI's list format). */
export interface RoutableModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}
