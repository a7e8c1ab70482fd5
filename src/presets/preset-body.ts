import { z } from 'zod';
import { fallbackModelsSchema, providerPreferencesSchema } from '../surfaces/openai/request-schema.js';

/**
 * What a preset holds: the model to call (or a fallback list), a system prompt put before the
 * caller's messages, parameters in Chat Completions' names (the caller's own win), and provider
 * preferences (the caller's own win). Validated when saved, so calling a preset never fails on it.
 */
export const PRESET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
export const PRESET_PREFIX = '@preset/';

const modelName = z.string().trim().min(1).max(300);

export const presetParamsSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().nonnegative().optional(),
  max_tokens: z.number().int().positive().max(2_147_483_647).optional(),
  stop: z.union([z.string(), z.array(z.string()).max(16)]).optional(),
  seed: z.number().int().optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
  response_format: z.looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) }).optional(),
});

/** A preset's fields, as saved and as the API shows them (http/api/routes/preset-routes.ts). */
export const presetFields = {
  model: modelName.optional(),
  models: fallbackModelsSchema.optional(),
  system: z.string().max(100_000).optional().describe('Put before the caller’s messages'),
  params: presetParamsSchema.optional().describe('Chat Completions parameters; the caller’s own win'),
  provider: providerPreferencesSchema.optional().describe('Provider preferences unless the caller sends some'),
};

/** What every saved preset must be: it names a model, and never another preset. */
export function checkPresetBody(body: { model?: string; models?: string[] }, context: z.RefinementCtx): void {
  if (body.model === undefined && body.models === undefined) {
    context.addIssue({ code: 'custom', message: 'A preset names a model or a list of models', path: ['model'] });
  } else if ((body.model ?? body.models?.[0] ?? '').startsWith(PRESET_PREFIX)) {
    context.addIssue({ code: 'custom', message: 'A preset calls models, not other presets', path: ['model'] });
  }
}

export const presetBodySchema = z.strictObject(presetFields).superRefine(checkPresetBody);

export type PresetBody = z.infer<typeof presetBodySchema>;
