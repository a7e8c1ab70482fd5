/**
 * Shapes of `GET /api/models` (the catalog with official and sale prices, see
 * src/http/api/routes/billing-schemas.ts) and `GET /v1/models` (what the gateway can route now).
 * Money is integer units of 1e-6 USD per 1M tokens.
 */

export interface TierPrice {
  aboveInputTokens: number;
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
}

export interface PriceSheet {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  perRequest?: number;
  perImage?: number;
  tiers?: TierPrice[];
}

export interface SalePriceSheet extends PriceSheet {
  source: 'official×multiplier' | 'fixed';
}

export interface CatalogModel {
  id: string;
  provider: string;
  endpoint?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  capabilities: Record<string, boolean>;
  /** Whether requests to this model can be billed (official or fixed price). */
  pricesKnown: boolean;
  official: PriceSheet | null;
  sale: SalePriceSheet | null;
  deprecationDate?: string;
}

export interface CatalogResponse {
  /** The pricing group the sale prices are for. */
  group: string;
  data: CatalogModel[];
}

/** One entry of `GET /v1/models` (OpenAI's list format). */
export interface RoutableModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}
