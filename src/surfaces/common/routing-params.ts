import { z } from 'zod';
import type { ChatRequest, ProviderPreferences } from '../../ir/index.js';
import { fallbackModelsSchema, providerPreferencesSchema } from '../openai/request-schema.js';
import { validationError } from '../openai/validation-error.js';

/**
 * The request fields that steer AIHub's routing, OpenRouter's names on every API that has a JSON
 * body: `models` (fallback models) and `provider` (provider preferences). AIHub's own: decoded into
 * the IR, and taken out of a body passed through to a vendor, which would refuse them.
 */
export const ROUTING_FIELDS = ['models', 'provider'] as const;

const routingParamsSchema = z.looseObject({
  models: fallbackModelsSchema.nullish(),
  provider: providerPreferencesSchema.nullish(),
});

type RoutingParams = z.infer<typeof routingParamsSchema>;

/** The routing fields of a request body (a 400 naming the field when malformed), for the IR. */
export function decodeRoutingParams(
  body: Record<string, unknown>,
  model: string,
): Pick<ChatRequest, 'fallbackModels' | 'providerPreferences'> {
  if (!ROUTING_FIELDS.some((field) => body[field] !== undefined)) return {};
  const parsed = routingParamsSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return routingFields(parsed.data, model);
}

/** Fallbacks (each once, none the model itself) and provider preferences, from validated fields. */
export function routingFields(
  input: RoutingParams,
  model: string,
): Pick<ChatRequest, 'fallbackModels' | 'providerPreferences'> {
  const routed: Pick<ChatRequest, 'fallbackModels' | 'providerPreferences'> = {};
  const fallbackModels = [...new Set(input.models ?? [])].filter((fallback) => fallback !== model);
  if (fallbackModels.length > 0) routed.fallbackModels = fallbackModels;
  const preferences = decodeProviderPreferences(input.provider);
  if (preferences) routed.providerPreferences = preferences;
  return routed;
}

function decodeProviderPreferences(input: RoutingParams['provider']): ProviderPreferences | undefined {
  if (!input) return undefined;
  const preferences: ProviderPreferences = {};
  if (input.order) preferences.order = input.order;
  if (input.only) preferences.only = input.only;
  if (input.ignore) preferences.ignore = input.ignore;
  if (input.allow_fallbacks != null) preferences.allowFallbacks = input.allow_fallbacks;
  if (input.sort) preferences.sort = input.sort;
  if (input.max_price) {
    const { prompt, completion } = input.max_price;
    preferences.maxPrice = {
      ...(prompt != null ? { prompt } : {}),
      ...(completion != null ? { completion } : {}),
    };
  }
  if (input.require_parameters) preferences.requireParameters = true;
  return Object.keys(preferences).length > 0 ? preferences : undefined;
}

/** A body to pass through to a vendor, without AIHub's routing fields (the body itself when it has none). */
export function withoutRoutingFields(body: Record<string, unknown>): Record<string, unknown> {
  if (!ROUTING_FIELDS.some((field) => field in body)) return body;
  const rest = { ...body };
  for (const field of ROUTING_FIELDS) delete rest[field];
  return rest;
}
