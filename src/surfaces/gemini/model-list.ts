/** What AIHub knows of a model it lists on the Gemini surface. */
export interface GeminiListedModel {
  id: string;
  displayName?: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
}

/** Gemini's `Model` resource, as `GET /v1beta/models/{model}` answers it. */
export interface GeminiModelResource {
  name: string;
  baseModelId: string;
  version: string;
  displayName: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods: string[];
}

/** Every model AIHub serves answers these, whichever vendor is behind it. */
const GENERATION_METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'];

export function encodeGeminiModel(model: GeminiListedModel): GeminiModelResource {
  const id = model.id.startsWith('models/') ? model.id.slice('models/'.length) : model.id;
  const resource: GeminiModelResource = {
    name: `models/${id}`,
    baseModelId: id,
    version: versionOf(id),
    displayName: model.displayName ?? id,
    supportedGenerationMethods: [...GENERATION_METHODS],
  };
  if (model.description) resource.description = model.description;
  if (model.inputTokenLimit !== undefined) resource.inputTokenLimit = model.inputTokenLimit;
  if (model.outputTokenLimit !== undefined) resource.outputTokenLimit = model.outputTokenLimit;
  return resource;
}

/** `GET /v1beta/models`: one page holding every model (no `nextPageToken`). */
export function encodeGeminiModelList(models: GeminiListedModel[]): { models: GeminiModelResource[] } {
  return { models: models.map(encodeGeminiModel) };
}

/**
 * Google's `version` is the model's version number (`2.5` for gemini-2.5-flash, `001` for
 * text-embedding-001). Other vendors' ids give the first number in them, or `latest`.
 */
function versionOf(id: string): string {
  return /(\d+(?:\.\d+)?)/.exec(id)?.[1] ?? 'latest';
}
