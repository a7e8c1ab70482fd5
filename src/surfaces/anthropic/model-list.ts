/** A model as the gateway lists it. `createdAt` is Unix seconds. */
export interface ListedModel {
  id: string;
  displayName?: string;
  createdAt?: number;
}

export interface AnthropicModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

export interface AnthropicModelList {
  data: AnthropicModelInfo[];
  has_more: false;
  first_id: string | null;
  last_id: string | null;
}

/**
 * `GET /v1/models/{id}` in Anthropic's shape. `created_at` is RFC 3339; a model without a known
 * date gets the epoch, as Anthropic's spec allows. The spec's `max_tokens`, `max_input_tokens` and
 * `capabilities` are left out: the catalog does not know them for every vendor, and the official
 * SDKs do not require them.
 */
export function encodeAnthropicModel(model: ListedModel): AnthropicModelInfo {
  return {
    type: 'model',
    id: model.id,
    display_name: model.displayName ?? model.id,
    created_at: new Date((model.createdAt ?? 0) * 1000).toISOString().replace('.000Z', 'Z'),
  };
}

/** `GET /v1/models` in Anthropic's shape: one page holding every model. */
export function encodeAnthropicModelList(models: ListedModel[]): AnthropicModelList {
  const data = models.map(encodeAnthropicModel);
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
