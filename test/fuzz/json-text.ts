/**
 * JSON as the fuzz suite writes it: a small tree that can say what `JSON.stringify` cannot (a key
 * twice in one object, `__proto__` as a plain key, a number too big for a double, a lone surrogate
 * escape, nesting deeper than any recursive writer survives), serialized to text.
 */

export type JsonNode =
  | { kind: 'object'; entries: Array<[string, JsonNode]> }
  | { kind: 'array'; items: JsonNode[] }
  /** Text written as is: a primitive's JSON, or something JSON.stringify would not write. */
  | { kind: 'raw'; text: string };

export const raw = (text: string): JsonNode => ({ kind: 'raw', text });

/** The tree of a JSON value. Own keys only, so `__proto__` stays a key, never a prototype. */
export function toNode(value: unknown): JsonNode {
  if (Array.isArray(value)) return { kind: 'array', items: value.map(toNode) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', entries: Object.keys(value).map((key) => [key, toNode((value as never)[key])]) };
  }
  // undefined has no JSON form: write null, as JSON.stringify does inside arrays.
  return raw(JSON.stringify(value) ?? 'null');
}

export function toText(node: JsonNode): string {
  switch (node.kind) {
    case 'raw':
      return node.text;
    case 'array':
      return `[${node.items.map(toText).join(',')}]`;
    case 'object':
      return `{${node.entries.map(([key, value]) => `${JSON.stringify(key)}:${toText(value)}`).join(',')}}`;
    default: {
      const exhaustive: never = node;
      return exhaustive;
    }
  }
}

/** `depth` levels of nesting around `innermost`, written directly (no recursion to overflow). */
export function nestedText(depth: number, shape: 'array' | 'object', innermost = '1'): string {
  if (shape === 'array') return `${'['.repeat(depth)}${innermost}${']'.repeat(depth)}`;
  return `${'{"a":'.repeat(depth)}${innermost}${'}'.repeat(depth)}`;
}

/** Every path to an object or array in the tree (the root is `[]`). */
export function containerPaths(node: JsonNode, path: number[] = [], found: number[][] = []): number[][] {
  if (node.kind === 'raw') return found;
  found.push(path);
  const children = node.kind === 'array' ? node.items : node.entries.map(([, value]) => value);
  children.forEach((child, index) => {
    containerPaths(child, [...path, index], found);
  });
  return found;
}

/** The node at `path` (indexes into items, or into entries for objects). */
export function nodeAt(node: JsonNode, path: number[]): JsonNode {
  let current = node;
  for (const index of path) {
    if (current.kind === 'array') current = current.items[index];
    else if (current.kind === 'object') current = current.entries[index][1];
  }
  return current;
}

/** A copy of the tree with the node at `path` replaced by `replacement(old)`. */
export function replaceAt(node: JsonNode, path: number[], replacement: (old: JsonNode) => JsonNode): JsonNode {
  if (path.length === 0) return replacement(node);
  const [index, ...rest] = path;
  if (node.kind === 'array') {
    return {
      kind: 'array',
      items: node.items.map((item, at) => (at === index ? replaceAt(item, rest, replacement) : item)),
    };
  }
  if (node.kind === 'object') {
    return {
      kind: 'object',
      entries: node.entries.map(([key, value], at) => [
        key,
        at === index ? replaceAt(value, rest, replacement) : value,
      ]),
    };
  }
  return node;
}
