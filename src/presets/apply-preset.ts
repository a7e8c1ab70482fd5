import type { ChatRequest } from '../ir/index.js';
import { decodeChatCompletionRequest } from '../surfaces/openai/decode-request.js';
import type { PresetBody } from './preset-body.js';

/** The IR fields a preset's parameters may set; the caller's own values win. */
const PARAMETER_FIELDS = [
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stop',
  'seed',
  'frequencyPenalty',
  'presencePenalty',
  'reasoning',
  'responseFormat',
] as const satisfies ReadonlyArray<keyof ChatRequest>;

/**
 * The request as the preset makes it, whatever API it came in on: the preset's model (its first
 * model, the rest as fallbacks before the caller's own), its system prompt before the caller's
 * messages, its parameters where the caller set none, and its provider preferences unless the
 * caller sent some. Pure: the preset's parameters are read by the Chat Completions decoder, the
 * same rules as a request's.
 */
export function applyPreset(request: ChatRequest, preset: PresetBody): ChatRequest {
  const [first, ...rest] =
    preset.model !== undefined ? [preset.model, ...(preset.models ?? [])] : (preset.models ?? []);
  const presetRequest = decodeChatCompletionRequest({
    model: first,
    messages: [{ role: 'user', content: '' }],
    ...(preset.params ?? {}),
    ...(preset.provider ? { provider: preset.provider } : {}),
  });
  const applied: ChatRequest = { ...request, model: first as string };
  const fallbacks = [...new Set([...rest, ...(request.fallbackModels ?? [])])].filter((model) => model !== first);
  if (fallbacks.length > 0) applied.fallbackModels = fallbacks;
  else delete applied.fallbackModels;
  if (preset.system)
    applied.messages = [{ role: 'system', content: [{ type: 'text', text: preset.system }] }, ...request.messages];
  for (const field of PARAMETER_FIELDS) {
    if (applied[field] === undefined && presetRequest[field] !== undefined) {
      (applied as unknown as Record<string, unknown>)[field] = presetRequest[field];
    }
  }
  if (preset.system || PARAMETER_FIELDS.some((field) => applied[field] !== request[field])) applied.rewritten = true;
  if (!request.providerPreferences && presetRequest.providerPreferences) {
    applied.providerPreferences = presetRequest.providerPreferences;
  }
  return applied;
}
