import {
  MAX_PRESET_MODELS,
  modelsOf,
  PRESET_NAME,
  PRESET_PREFIX,
  type Preset,
  type PresetCreateBody,
  type PresetParams,
  type PresetPatchBody,
  type PresetProvider,
  type ProviderSort,
  type ReasoningEffort,
} from './types';

/**
 * The preset form: what it edits (text as typed), how a preset fills it, and the request bodies
 * it makes. Pure, so the rules are tested without a browser (preset-form.test.ts).
 *
 * The form covers the usual fields; whatever else a preset may hold (a `response_format`, a stop
 * sequence with a line break, provider preferences the form has no control for) is kept in the
 * advanced JSON field, `{"params": {...}, "provider": {...}}`, merged over the form's values.
 */
export interface PresetDraft {
  name: string;
  description: string;
  /** Administrators: the operator's preset, callable by every user (chosen at creation). */
  shared: boolean;
  /** The first serves, the others are fallbacks in order. */
  models: string[];
  system: string;
  temperature: string;
  topP: string;
  topK: string;
  maxTokens: string;
  seed: string;
  frequencyPenalty: string;
  presencePenalty: string;
  /** One stop sequence per line. */
  stop: string;
  reasoningEffort: ReasoningEffort | '';
  order: string[];
  only: string[];
  ignore: string[];
  sort: ProviderSort | '';
  /** Off: only the vendors in `order` (OpenRouter's `allow_fallbacks: false`). */
  allowFallbacks: boolean;
  requireParameters: boolean;
  /** USD per 1M tokens. */
  maxPricePrompt: string;
  maxPriceCompletion: string;
  /** JSON object with `params` and/or `provider`: fields the form does not cover. */
  advanced: string;
}

export type PresetField = keyof PresetDraft;
/** Error message keys (presets:form.errors.*) per field; `models.<index>` for a model row. */
export type PresetFormErrors = Partial<Record<PresetField | `models.${number}`, string>>;

export const EMPTY_PRESET_DRAFT: PresetDraft = {
  name: '',
  description: '',
  shared: false,
  models: [''],
  system: '',
  temperature: '',
  topP: '',
  topK: '',
  maxTokens: '',
  seed: '',
  frequencyPenalty: '',
  presencePenalty: '',
  stop: '',
  reasoningEffort: '',
  order: [],
  only: [],
  ignore: [],
  sort: '',
  allowFallbacks: true,
  requireParameters: false,
  maxPricePrompt: '',
  maxPriceCompletion: '',
  advanced: '',
};

/** A number field of the form: the parameter it sets, its bounds, whether it is an integer. */
interface NumberRule {
  param: keyof PresetParams;
  min?: number;
  max?: number;
  integer?: boolean;
}

export const NUMBER_FIELDS = {
  temperature: { param: 'temperature', min: 0, max: 2 },
  topP: { param: 'top_p', min: 0, max: 1 },
  topK: { param: 'top_k', min: 0, integer: true },
  maxTokens: { param: 'max_tokens', min: 1, max: 2_147_483_647, integer: true },
  seed: { param: 'seed', integer: true },
  frequencyPenalty: { param: 'frequency_penalty', min: -2, max: 2 },
  presencePenalty: { param: 'presence_penalty', min: -2, max: 2 },
} as const satisfies Record<string, NumberRule>;
export type NumberField = keyof typeof NUMBER_FIELDS;

const numberText = (value: number | undefined) => (value === undefined ? '' : String(value));
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The form filled from a saved preset; fields the form has no control for go to the JSON field. */
export function draftOfPreset(preset: Preset): PresetDraft {
  const { temperature, top_p, top_k, max_tokens, seed, frequency_penalty, presence_penalty, ...restParams } =
    preset.params ?? {};
  const { stop, reasoning_effort, ...extraParams } = restParams;
  const stops = stop === undefined ? [] : Array.isArray(stop) ? stop : [stop];
  // A stop sequence with a line break (or an empty one) cannot be a line of the text box.
  const stopFits = stops.every((sequence) => sequence !== '' && !/[\r\n]/.test(sequence));
  if (!stopFits) (extraParams as Record<string, unknown>).stop = stop;

  const { order, only, ignore, sort, allow_fallbacks, require_parameters, max_price, ...extraProvider } =
    preset.provider ?? {};
  const priceFits =
    max_price == null || Object.keys(max_price).every((key) => key === 'prompt' || key === 'completion');
  if (!priceFits) (extraProvider as Record<string, unknown>).max_price = max_price;

  const extras: Record<string, unknown> = {};
  if (Object.keys(extraParams).length > 0) extras.params = extraParams;
  if (Object.keys(extraProvider).length > 0) extras.provider = extraProvider;

  const models = modelsOf(preset);
  return {
    name: preset.name,
    description: preset.description ?? '',
    shared: preset.shared,
    models: models.length > 0 ? models : [''],
    system: preset.system ?? '',
    temperature: numberText(temperature),
    topP: numberText(top_p),
    topK: numberText(top_k),
    maxTokens: numberText(max_tokens),
    seed: numberText(seed),
    frequencyPenalty: numberText(frequency_penalty),
    presencePenalty: numberText(presence_penalty),
    stop: stopFits ? stops.join('\n') : '',
    reasoningEffort: reasoning_effort ?? '',
    order: order ?? [],
    only: only ?? [],
    ignore: ignore ?? [],
    sort: sort ?? '',
    allowFallbacks: allow_fallbacks !== false,
    requireParameters: require_parameters === true,
    maxPricePrompt: priceFits ? numberText(max_price?.prompt ?? undefined) : '',
    maxPriceCompletion: priceFits ? numberText(max_price?.completion ?? undefined) : '',
    advanced: Object.keys(extras).length > 0 ? JSON.stringify(extras, null, 2) : '',
  };
}

/** A copy of someone's preset (the operator's) as a new one of the user's own. */
export function draftForCopy(preset: Preset): PresetDraft {
  return { ...draftOfPreset(preset), shared: false };
}

/** What the form's fields mean, ready to send: the preset's own fields, without name or sharing. */
export interface PresetContent {
  models: string[];
  system: string;
  params: PresetParams;
  provider: PresetProvider;
}

function parseNumber(text: string, rule: NumberRule): number | undefined | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return 'invalid';
  if (rule.integer && !Number.isInteger(value)) return 'invalid';
  if (rule.min !== undefined && value < rule.min) return 'invalid';
  if (rule.max !== undefined && value > rule.max) return 'invalid';
  return value;
}

function parseAdvanced(text: string): { params?: Record<string, unknown>; provider?: Record<string, unknown> } | null {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(parsed)) return null;
  if (Object.keys(parsed).some((key) => key !== 'params' && key !== 'provider')) return null;
  if (parsed.params !== undefined && !isPlainObject(parsed.params)) return null;
  if (parsed.provider !== undefined && !isPlainObject(parsed.provider)) return null;
  return parsed as { params?: Record<string, unknown>; provider?: Record<string, unknown> };
}

/**
 * Checks the draft and makes the preset's fields from it. Errors are message keys
 * (presets:form.errors.*) by field; the server checks again and its message is shown as well.
 */
export function readDraft(
  draft: PresetDraft,
  options: { nameTaken?: (name: string) => boolean } = {},
): { content?: PresetContent; errors: PresetFormErrors } {
  const errors: PresetFormErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'nameRequired';
  else if (!PRESET_NAME.test(name)) errors.name = 'nameInvalid';
  else if (options.nameTaken?.(name)) errors.name = 'nameTaken';
  if (draft.description.length > 500) errors.description = 'descriptionTooLong';

  const models = draft.models.map((model) => model.trim());
  if (models.length === 0 || models.every((model) => model === '')) errors.models = 'modelsRequired';
  else if (models.length > MAX_PRESET_MODELS) errors.models = 'tooManyModels';
  models.forEach((model, index) => {
    if (model === '' && models.length > 1) errors[`models.${index}`] = 'modelEmpty';
    else if (model.startsWith(PRESET_PREFIX)) errors[`models.${index}`] = 'modelIsPreset';
    else if (model.length > 300) errors[`models.${index}`] = 'modelTooLong';
    else if (models.indexOf(model) !== index && model !== '') errors[`models.${index}`] = 'modelRepeated';
  });

  const params: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(NUMBER_FIELDS) as [NumberField, NumberRule][]) {
    const value = parseNumber(draft[field], rule);
    if (value === 'invalid') errors[field] = field;
    else if (value !== undefined) params[rule.param] = value;
  }
  const stops = draft.stop.split(/\r?\n/).filter((line) => line !== '');
  if (stops.length > 16) errors.stop = 'stop';
  else if (stops.length > 0) params.stop = stops.length === 1 ? stops[0] : stops;
  if (draft.reasoningEffort) params.reasoning_effort = draft.reasoningEffort;

  const provider: Record<string, unknown> = {};
  if (draft.order.length > 0) provider.order = draft.order;
  if (draft.only.length > 0) provider.only = draft.only;
  if (draft.ignore.length > 0) provider.ignore = draft.ignore;
  if (draft.sort) provider.sort = draft.sort;
  if (!draft.allowFallbacks) provider.allow_fallbacks = false;
  if (draft.requireParameters) provider.require_parameters = true;
  const maxPrice: Record<string, number> = {};
  for (const [field, key] of [
    ['maxPricePrompt', 'prompt'],
    ['maxPriceCompletion', 'completion'],
  ] as const) {
    const value = parseNumber(draft[field], { param: 'seed', min: 0 });
    if (value === 'invalid') errors[field] = 'price';
    else if (value !== undefined) maxPrice[key] = value;
  }
  if (Object.keys(maxPrice).length > 0) provider.max_price = maxPrice;

  const advanced = parseAdvanced(draft.advanced);
  if (advanced === null) errors.advanced = 'advanced';

  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    content: {
      models: models.filter((model) => model !== ''),
      system: draft.system,
      params: { ...params, ...advanced?.params } as PresetParams,
      provider: { ...provider, ...advanced?.provider } as PresetProvider,
    },
  };
}

/** `POST /api/presets`: only what is set. */
export function createBody(draft: PresetDraft, content: PresetContent, admin: boolean): PresetCreateBody {
  const [model, ...fallbacks] = content.models;
  const body: PresetCreateBody = { name: draft.name.trim(), model };
  const description = draft.description.trim();
  if (description) body.description = description;
  if (admin && draft.shared) body.shared = true;
  if (fallbacks.length > 0) body.models = fallbacks;
  if (content.system.trim()) body.system = content.system;
  if (Object.keys(content.params).length > 0) body.params = content.params;
  if (Object.keys(content.provider).length > 0) body.provider = content.provider;
  return body;
}

/**
 * `PATCH /api/presets/:id`. The server merges what is sent over what is stored, and takes no
 * `null` to remove a field, so a field the form emptied is sent in its empty form instead: no
 * fallbacks as `models: [model]` (the first model again, which adds none), no system prompt as
 * `""`, no parameters or preferences as `{}`.
 */
export function patchBody(preset: Preset, draft: PresetDraft, content: PresetContent): PresetPatchBody {
  const [model, ...fallbacks] = content.models;
  const body: PresetPatchBody = { model };
  const name = draft.name.trim();
  if (name !== preset.name) body.name = name;
  const description = draft.description.trim() || null;
  if (description !== preset.description) body.description = description;
  if (fallbacks.length > 0) body.models = fallbacks;
  else if (preset.models !== undefined) body.models = [model as string];
  if (content.system.trim()) body.system = content.system;
  else if (preset.system) body.system = '';
  if (Object.keys(content.params).length > 0 || preset.params) body.params = content.params;
  if (Object.keys(content.provider).length > 0 || preset.provider) body.provider = content.provider;
  return body;
}

/**
 * Where a server error about a field belongs in the form (`params.temperature` → temperature,
 * `provider.order` → order, `models[2]`: the list); undefined for the rest (shown above the form).
 */
export function fieldOfParam(param: string | null): PresetField | undefined {
  if (!param) return undefined;
  if (param === 'name' || param === 'description' || param === 'system' || param === 'shared') return param;
  if (param === 'model' || param.startsWith('models')) return 'models';
  if (param.startsWith('params.')) {
    const key = param.slice('params.'.length).split(/[.[]/)[0];
    const number = (Object.entries(NUMBER_FIELDS) as [NumberField, NumberRule][]).find(
      ([, rule]) => rule.param === key,
    );
    if (number) return number[0];
    if (key === 'stop') return 'stop';
    if (key === 'reasoning_effort') return 'reasoningEffort';
    return 'advanced';
  }
  if (param.startsWith('provider.')) {
    const key = param.slice('provider.'.length).split(/[.[]/)[0];
    if (key === 'order' || key === 'only' || key === 'ignore' || key === 'sort') return key;
    if (key === 'allow_fallbacks') return 'allowFallbacks';
    if (key === 'require_parameters') return 'requireParameters';
    if (key === 'max_price') return 'maxPricePrompt';
    return 'advanced';
  }
  return undefined;
}

/** A short line of what the preset sets, for the list: `temperature 0.2 · max tokens 512 · sort latency`. */
export function presetSummary(preset: Preset): Array<{ key: string; value: string }> {
  const items: Array<{ key: string; value: string }> = [];
  for (const [key, value] of Object.entries(preset.params ?? {})) {
    if (value === undefined) continue;
    items.push({ key, value: isPlainObject(value) ? String(value.type ?? '…') : String(value) });
  }
  const provider = preset.provider ?? {};
  if (provider.sort) items.push({ key: 'sort', value: provider.sort });
  for (const key of ['order', 'only', 'ignore'] as const) {
    const list = provider[key];
    if (list && list.length > 0) items.push({ key, value: list.join(', ') });
  }
  const price = provider.max_price;
  if (price && (price.prompt != null || price.completion != null)) {
    items.push({ key: 'max_price', value: `$${price.prompt ?? '–'} / $${price.completion ?? '–'}` });
  }
  if (provider.allow_fallbacks === false) items.push({ key: 'allow_fallbacks', value: 'false' });
  return items;
}
