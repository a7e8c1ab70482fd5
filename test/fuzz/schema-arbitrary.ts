/**
 * Valid values from a JSON Schema (the subset zod's `toJSONSchema` writes: type, enum, const,
 * anyOf/oneOf, properties/required/additionalProperties/propertyNames, items/minItems/maxItems,
 * minLength/maxLength/pattern/format, minimum/maximum/exclusiveMinimum/exclusiveMaximum), as a
 * fast-check arbitrary. Hints steer values the schema cannot know (a model the server routes, an id
 * that exists, a URL that stays on this machine) so valid bodies reach past the first lookup.
 */
import fc from 'fast-check';
import type { JsonSchema } from './route-table.js';

export interface SchemaHints {
  /** Realistic values for a property of this name, mixed with generated ones; undefined for none. */
  property?(name: string): fc.Arbitrary<unknown> | undefined;
  /** Values for a string `format` (the suite keeps `uri` on this machine); undefined for none. */
  format?(format: string): fc.Arbitrary<string> | undefined;
}

/** Past this depth, objects and arrays stop growing (a schema may be recursive). */
const MAXIMUM_DEPTH = 8;
/** Strings and arrays stay short: the mutations bring the long ones. */
const EXTRA_LENGTH = 24;
const EXTRA_ITEMS = 3;

const asSchemas = (value: unknown): JsonSchema[] => (Array.isArray(value) ? (value as JsonSchema[]) : []);
const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);

/** An arbitrary of values valid against `schema` (property `name` picks hints). */
export function schemaArbitrary(
  schema: JsonSchema,
  hints: SchemaHints = {},
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const generated = generatedFor(schema, hints, depth);
  const hinted = name !== undefined && allowsString(schema) ? hints.property?.(name) : undefined;
  return hinted ? fc.oneof({ weight: 3, arbitrary: hinted }, { weight: 1, arbitrary: generated }) : generated;
}

function allowsString(schema: JsonSchema): boolean {
  if (schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'))) return true;
  return [...asSchemas(schema.anyOf), ...asSchemas(schema.oneOf)].some(allowsString);
}

function generatedFor(schema: JsonSchema, hints: SchemaHints, depth: number): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const branches = [...asSchemas(schema.anyOf), ...asSchemas(schema.oneOf)];
  if (branches.length > 0)
    return fc.oneof(...branches.map((branch) => schemaArbitrary(branch, hints, undefined, depth)));
  if (Array.isArray(schema.type)) {
    return fc.oneof(...(schema.type as string[]).map((type) => generatedFor({ ...schema, type }, hints, depth)));
  }
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return numberArbitrary(schema);
    case 'string':
      return stringArbitrary(schema, hints);
    case 'array':
      return arrayArbitrary(schema, hints, depth);
    case 'object':
      return objectArbitrary(schema, hints, depth);
    default:
      // No type: anything JSON (`z.unknown()`, an unrepresentable type).
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  let minimum = Math.ceil(numberOr(schema.minimum, Number.MIN_SAFE_INTEGER));
  let maximum = Math.floor(numberOr(schema.maximum, Number.MAX_SAFE_INTEGER));
  if (typeof schema.exclusiveMinimum === 'number') minimum = Math.max(minimum, Math.floor(schema.exclusiveMinimum) + 1);
  if (typeof schema.exclusiveMaximum === 'number') maximum = Math.min(maximum, Math.ceil(schema.exclusiveMaximum) - 1);
  minimum = Math.max(minimum, Number.MIN_SAFE_INTEGER);
  maximum = Math.min(maximum, Number.MAX_SAFE_INTEGER);
  if (minimum > maximum) return fc.constant(minimum);
  const whole = fc.bigInt({ min: BigInt(minimum), max: BigInt(maximum) }).map(Number);
  // Small values are the common case; the whole range finds the edges.
  const small = fc.integer({ min: Math.max(minimum, -1000), max: Math.min(maximum, 1000) });
  return Math.max(minimum, -1000) <= Math.min(maximum, 1000) ? fc.oneof(small, whole) : whole;
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const minimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.minimum;
  const maximum = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : schema.maximum;
  return fc.double({
    min: numberOr(minimum, -1e9),
    max: numberOr(maximum, 1e9),
    minExcluded: typeof schema.exclusiveMinimum === 'number',
    maxExcluded: typeof schema.exclusiveMaximum === 'number',
    noNaN: true,
    noDefaultInfinity: true,
  });
}

function stringArbitrary(schema: JsonSchema, hints: SchemaHints): fc.Arbitrary<string> {
  if (typeof schema.format === 'string') {
    const hinted = hints.format?.(schema.format);
    if (hinted) return hinted;
    if (schema.format === 'date') {
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    }
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern JavaScript cannot compile: fall back to plain strings.
    }
  }
  const minLength = numberOr(schema.minLength, 0);
  const maxLength = Math.min(numberOr(schema.maxLength, minLength + EXTRA_LENGTH), minLength + EXTRA_LENGTH);
  // Mostly printable ASCII (what real clients send), sometimes any character.
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength, maxLength }) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }).filter((text) => text.length <= maxLength),
    },
  );
}

function arrayArbitrary(schema: JsonSchema, hints: SchemaHints, depth: number): fc.Arbitrary<unknown[]> {
  const minLength = numberOr(schema.minItems, 0);
  const maxLength = Math.min(numberOr(schema.maxItems, minLength + EXTRA_ITEMS), minLength + EXTRA_ITEMS);
  const items = (schema.items as JsonSchema | undefined) ?? {};
  if (depth >= MAXIMUM_DEPTH && minLength === 0) return fc.constant([]);
  return fc.array(schemaArbitrary(items, hints, undefined, depth + 1), { minLength, maxLength });
}

function objectArbitrary(schema: JsonSchema, hints: SchemaHints, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const names = Object.keys(properties).filter((key) => depth < MAXIMUM_DEPTH || required.has(key));
  const known = fc.record(
    Object.fromEntries(names.map((key) => [key, schemaArbitrary(properties[key], hints, key, depth + 1)])),
    { requiredKeys: names.filter((key) => required.has(key)) },
  );
  const additional = schema.additionalProperties;
  const isRecord = Object.keys(properties).length === 0;
  // A record (`z.record`) has entries of its own; a loose object's extra fields come from the mutations.
  if (!isRecord || additional === false || depth >= MAXIMUM_DEPTH) return known;
  const valueSchema = typeof additional === 'object' && additional !== null ? (additional as JsonSchema) : {};
  const keySchema = (schema.propertyNames as JsonSchema | undefined) ?? { type: 'string' };
  const keys = generatedFor({ ...keySchema, type: 'string' }, hints, depth + 1) as fc.Arbitrary<string>;
  return fc.dictionary(keys, schemaArbitrary(valueSchema, hints, undefined, depth + 1), {
    maxKeys: EXTRA_ITEMS,
    noNullPrototype: true,
  });
}
