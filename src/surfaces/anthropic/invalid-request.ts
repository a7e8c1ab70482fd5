import type { z } from 'zod';
import { GatewayError } from '../../ir/index.js';

/**
 * Anthropic names the field at fault as a dotted path before the message
 * (`messages.0.content.1.type: Input should be ...`); these helpers do the same, so clients and
 * people read our 400s the way they read Anthropic's.
 */
export type FieldPath = ReadonlyArray<string | number>;

export function formatPath(path: FieldPath): string {
  return path.map(String).join('.');
}

/** A 400 naming the field at `path`. */
export function invalidAt(path: FieldPath, message: string): GatewayError {
  const param = path.length > 0 ? formatPath(path) : null;
  return new GatewayError({
    kind: 'invalid_request',
    message: param ? `${param}: ${message}` : message,
    param,
  });
}

/** Parses `value` with `schema`; the first issue becomes a 400 naming its full path. */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: FieldPath): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const issuePath = (issue?.path ?? []).filter((key): key is string | number => typeof key !== 'symbol');
  return throwInvalid([...path, ...issuePath], issue?.message ?? 'Invalid value');
}

function throwInvalid(path: FieldPath, message: string): never {
  throw invalidAt(path, message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
