/**
 * Shapes of the preset routes (src/http/api/routes/preset-routes.ts), from the server's OpenAPI
 * document (see api/schema.ts).
 */
import type { ApiRequest, ApiResponse } from '../../api/schema';

export type Preset = ApiResponse<'/api/presets', 'get'>['data'][number];
export type PresetCreateBody = ApiRequest<'/api/presets', 'post'>;
export type PresetPatchBody = ApiRequest<'/api/presets/{id}', 'patch'>;
/** Chat Completions parameters a preset sets (the caller's own win). */
export type PresetParams = NonNullable<Preset['params']>;
/** OpenRouter-style provider preferences over AIHub's vendors. */
export type PresetProvider = NonNullable<Preset['provider']>;
export type ReasoningEffort = NonNullable<PresetParams['reasoning_effort']>;
export type ProviderSort = NonNullable<PresetProvider['sort']>;

export const REASONING_EFFORTS: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];
export const PROVIDER_SORTS: readonly ProviderSort[] = ['price', 'latency', 'throughput'];

/** What a caller writes as the model to use a preset (src/presets/preset-body.ts `PRESET_PREFIX`). */
export const PRESET_PREFIX = '@preset/';
/** Names the server takes (src/presets/preset-body.ts `PRESET_NAME`). */
export const PRESET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
/** `models` holds at most this many (OpenRouter's limit, src/surfaces/openai/request-schema.ts). */
export const MAX_PRESET_MODELS = 8;

/** The model a caller sends to use the preset. */
export function presetModel(name: string): string {
  return `${PRESET_PREFIX}${name}`;
}

/** The preset's models in the order they are tried: `model`, then `models` (without repeats). */
export function modelsOf(preset: Pick<Preset, 'model' | 'models'>): string[] {
  const all = preset.model !== undefined ? [preset.model, ...(preset.models ?? [])] : [...(preset.models ?? [])];
  return [...new Set(all)];
}
