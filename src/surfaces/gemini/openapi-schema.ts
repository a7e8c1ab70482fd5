import { asObject, type JsonObject, setOwn, snakeCase } from './json-reader.js';

/**
 * Gemini's `Schema` (an OpenAPI 3.0 subset, used by `FunctionDeclaration.parameters` and
 * `GenerationConfig.responseSchema`) to JSON Schema, which the IR and the other vendors take:
 * - `type` is an enum written in upper case (`STRING`, `OBJECT`) and is lower-cased;
 * - `nullable: true` becomes a `null` alternative in `type` (or in `anyOf`);
 * - int64 bounds (`minItems`, `maxLength`...) arrive as strings in proto JSON and become numbers;
 * - `propertyOrdering` (Gemini's output-order hint) has no JSON Schema meaning and is dropped.
 * Everything else (`description`, `enum`, `format`, `pattern`, `minimum`, `default`, `title`...)
 * already means the same in JSON Schema and is kept.
 */
export function openApiToJsonSchema(value: unknown, path: string): JsonObject {
  const schema = asObject(value, path, 'Schema');
  const out: JsonObject = {};
  let nullable = false;
  for (const [rawKey, child] of Object.entries(schema)) {
    const key = camelCase(rawKey);
    const childPath = path ? `${path}.${snakeCase(key)}` : snakeCase(key);
    switch (key) {
      case 'type':
        if (typeof child === 'string' && child.toUpperCase() !== 'TYPE_UNSPECIFIED') out.type = child.toLowerCase();
        else if (typeof child !== 'string') setOwn(out, 'type', child);
        break;
      case 'nullable':
        nullable = child === true;
        break;
      case 'propertyOrdering':
        break;
      case 'properties':
        out.properties = mapValues(asObject(child, childPath, 'map'), (name, property) =>
          openApiToJsonSchema(property, `${childPath}[${JSON.stringify(name)}]`),
        );
        break;
      case 'items':
        out.items = openApiToJsonSchema(child, childPath);
        break;
      case 'anyOf':
        out.anyOf = Array.isArray(child)
          ? child.map((item, index) => openApiToJsonSchema(item, `${childPath}[${index}]`))
          : child;
        break;
      case 'minItems':
      case 'maxItems':
      case 'minLength':
      case 'maxLength':
      case 'minProperties':
      case 'maxProperties':
        out[key] = typeof child === 'string' && /^\d+$/.test(child) ? Number(child) : child;
        break;
      default:
        setOwn(out, rawKey, child);
    }
  }
  if (nullable) addNull(out);
  return out;
}

function addNull(schema: JsonObject): void {
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  else if (Array.isArray(schema.anyOf)) schema.anyOf = [...schema.anyOf, { type: 'null' }];
}

function mapValues(object: JsonObject, map: (key: string, value: unknown) => unknown): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) setOwn(out, key, map(key, value));
  return out;
}

/** Schema keywords may also come in proto names (`min_items`); keys of `properties` never pass here. */
function camelCase(name: string): string {
  return name.includes('_') ? name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : name;
}
