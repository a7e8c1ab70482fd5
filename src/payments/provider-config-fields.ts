/**
 * A provider's configuration as fields: read from its definition's zod object schema, so a new
 * provider needs no code here. Values travel as text (environment variables, console inputs) and
 * the schema turns them into the provider's config. Pure.
 */
import { z } from 'zod';
import type { PaymentProviderDefinition } from './payment-types.js';

export type FieldSource = 'console' | 'env';

export interface ProviderFieldValue {
  value: string;
  source: FieldSource;
}

export function configFieldNames(definition: PaymentProviderDefinition): string[] {
  return Object.keys(objectShape(definition));
}

/** Checks one field's text against its schema; the error message when it does not fit. */
export function checkFieldValue(
  definition: PaymentProviderDefinition,
  name: string,
  value: string,
): string | undefined {
  const field = objectShape(definition)[name];
  if (!field) return `${definition.method} has no field ${name}.`;
  const parsed = field.safeParse(value);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'invalid value');
}

/**
 * Each field's value, the console's winning over the environment's; empty text counts as unset.
 */
export function mergeFieldValues(
  definition: PaymentProviderDefinition,
  consoleValues: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Record<string, ProviderFieldValue> {
  const merged: Record<string, ProviderFieldValue> = {};
  for (const name of configFieldNames(definition)) {
    const fromConsole = consoleValues[name];
    const envName = envNameOf(definition, name);
    const fromEnv = envName ? env[envName]?.trim() : undefined;
    if (fromConsole) merged[name] = { value: fromConsole, source: 'console' };
    else if (fromEnv) merged[name] = { value: fromEnv, source: 'env' };
  }
  return merged;
}

/** The provider's config from the merged fields, or why it is not configured (no secret in it). */
export function parseProviderConfig(
  definition: PaymentProviderDefinition,
  values: Record<string, ProviderFieldValue>,
): { ok: true; config: Record<string, unknown> } | { ok: false; problem: string } {
  const input = Object.fromEntries(Object.entries(values).map(([name, field]) => [name, field.value]));
  const parsed = definition.configSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  const missing = configFieldNames(definition).filter((name) => !(name in values) && isRequired(definition, name));
  if (missing.length > 0) return { ok: false, problem: `Not set: ${missing.join(', ')}.` };
  return { ok: false, problem: `${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'}` };
}

export function envNameOf(definition: PaymentProviderDefinition, name: string): string | undefined {
  return (definition.env as Record<string, string | undefined>)[name];
}

export function isSecretField(definition: PaymentProviderDefinition, name: string): boolean {
  return (definition.secretFields as ReadonlyArray<string>).includes(name);
}

function isRequired(definition: PaymentProviderDefinition, name: string): boolean {
  const field = objectShape(definition)[name];
  return field ? !field.safeParse(undefined).success : false;
}

function objectShape(definition: PaymentProviderDefinition): Record<string, z.ZodType> {
  const schema = definition.configSchema as unknown;
  if (!(schema instanceof z.ZodObject)) {
    throw new Error(`The ${definition.method} provider's config schema must be a zod object.`);
  }
  return schema.shape as Record<string, z.ZodType>;
}
