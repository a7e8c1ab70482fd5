import { GatewayError } from '../../ir/index.js';

/**
 * Reading a client's generateContent body, which may be any JSON value. Google's JSON mapping of
 * its protos accepts both the lowerCamelCase JSON name and the proto's snake_case name of every
 * field (Python clients send `function_call`, pydantic-ai sends `parameters_json_schema`), so
 * fields are looked up under both. Errors read like Google's own (`Invalid value at
 * 'generation_config.temperature' (TYPE_FLOAT), "hot"`), with the path in proto (snake_case)
 * names, and name that path in `param`.
 */
export type JsonObject = Record<string, unknown>;

/** A 400 in Google's wording; `path` is the field at fault. */
export function invalidArgument(message: string, path?: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, ...(path ? { param: path } : {}) });
}

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `parent.child` in proto names. */
export function childPath(parent: string, camelName: string): string {
  const name = snakeCase(camelName);
  return parent ? `${parent}.${name}` : name;
}

/** A field's value under its JSON name or its proto name; only own properties count. */
export function fieldOf(object: JsonObject, camelName: string): unknown {
  if (Object.hasOwn(object, camelName)) return object[camelName];
  const snake = snakeCase(camelName);
  return snake !== camelName && Object.hasOwn(object, snake) ? object[snake] : undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A short rendering of the offending value, as Google quotes it (never a whole huge string). */
function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function invalidValue(path: string, type: string, value: unknown): GatewayError {
  return invalidArgument(`Invalid value at '${path}' (${type}), ${quote(value)}`, path);
}

export function asObject(value: unknown, path: string, type = 'message'): JsonObject {
  if (!isObject(value)) throw invalidValue(path, type, value);
  return value;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalidValue(path, 'repeated', value);
  return value;
}

export function asString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalidValue(path, 'TYPE_STRING', value);
  return value;
}

export function asBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw invalidValue(path, 'TYPE_BOOL', value);
  return value;
}

/** Proto3 JSON also accepts numbers written as strings ("0.5"). */
export function asNumber(value: unknown, path: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw invalidValue(path, 'TYPE_FLOAT', value);
  return number;
}

/** A 32-bit signed integer (token counts, seeds, candidate counts). */
export function asInteger(value: unknown, path: string): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || Math.abs(number) > 2_147_483_647) {
    throw invalidValue(path, 'TYPE_INT32', value);
  }
  return number;
}

/**
 * Reads an optional field: absent or `null` (proto3 JSON's "unset") gives undefined, anything else
 * goes through `read` with the field's path.
 */
export function optionalField<T>(
  object: JsonObject,
  camelName: string,
  parent: string,
  read: (value: unknown, path: string) => T,
): T | undefined {
  const value = fieldOf(object, camelName);
  if (value === undefined || value === null) return undefined;
  return read(value, childPath(parent, camelName));
}

/** Like optionalField, but absence is an error (`* GenerateContentRequest.contents: contents is not specified`). */
export function requiredField<T>(
  object: JsonObject,
  camelName: string,
  parent: string,
  read: (value: unknown, path: string) => T,
): T {
  const value = optionalField(object, camelName, parent, read);
  if (value === undefined) {
    const path = childPath(parent, camelName);
    throw invalidArgument(`* GenerateContentRequest.${path}: ${snakeCase(camelName)} is not specified`, path);
  }
  return value;
}

/** Sets a key on an object built from client input; `__proto__` becomes a plain key, never the prototype. */
export function setOwn(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
