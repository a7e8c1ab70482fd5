import type { ModelMode as ModelKind } from '../../catalog/catalog-schema.js';

/** What AIHub knows of a model it lists on the Gemini surface. */
export interface GeminiListedModel {
  id: string;
  displayName?: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  /** What the model does; absent: chat. */
  kind?: ModelKind;
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

/** A chat model answers these, whichever vendor is behind it. */
const CONTENT_METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'];

/**
 * The methods Google's API lists for a model of this kind, so a Gemini client (which picks models
 * by `supportedGenerationMethods`) offers an embedding model for embedding and not for chat.
 * Image and speech models answer through generateContent (Nano Banana, the TTS models), except
 * Imagen, which Google serves through `predict`. Rerank and moderation models have no Gemini
 * method at all: listed, but no Gemini client will pick them.
 */
export function generationMethodsOf(kind: ModelKind, id: string): string[] {
  switch (kind) {
    case 'chat':
      return [...CONTENT_METHODS];
    case 'embedding':
      return ['embedContent', 'batchEmbedContents'];
    case 'image':
      return id.startsWith('imagen-') ? ['predict'] : [...CONTENT_METHODS];
    case 'audio':
      return [...CONTENT_METHODS];
    default:
      return [];
  }
}

export function encodeGeminiModel(model: GeminiListedModel): GeminiModelResource {
  const id = model.id.startsWith('models/') ? model.id.slice('models/'.length) : model.id;
  const resource: GeminiModelResource = {
    name: `models/${id}`,
    baseModelId: id,
    version: versionOf(id),
    displayName: model.displayName ?? id,
    supportedGenerationMethods: generationMethodsOf(model.kind ?? 'chat', id),
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
