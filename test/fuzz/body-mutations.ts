/**
 * Request bodies: a valid body from the route's schema, sent as is or mutated (a value of the wrong
 * type or at an edge, a field removed, an odd field added, a key given twice, an object where an
 * array belongs and back), or replaced by something that is not a JSON object at all, under a
 * content type that may or may not say JSON.
 */
import fc from 'fast-check';
import { hostileValue, oddKey } from './hostile-values.js';
import { containerPaths, type JsonNode, nodeAt, raw, replaceAt, toNode, toText } from './json-text.js';

export interface FuzzBody {
  /** Undefined: no body at all. */
  payload?: string | Uint8Array;
  /** Undefined: no content-type header. */
  contentType?: string;
  /** What was done, for a failure's report. */
  description: string;
}

export interface MutationOptions {
  /** Top-level names added to the body stay printable Latin-1 (a /v1 finding's fix is pending). */
  printableLatin1TopLevelKeys?: boolean;
}

type MutationKind = 'replace' | 'remove' | 'add' | 'duplicate' | 'wrap-in-array' | 'unwrap' | 'empty';
/** Weights: a wrong value and an extra field are what clients send most. */
const MUTATION_KINDS: Array<[MutationKind, number]> = [
  ['replace', 3],
  ['add', 3],
  ['remove', 2],
  ['duplicate', 1],
  ['wrap-in-array', 1],
  ['unwrap', 1],
  ['empty', 1],
];

interface MutationChoice {
  kind: MutationKind;
  container: number;
  child: number;
  topLevelKey: string;
  nestedKey: string;
  value: JsonNode;
}

/** One mutation of the tree, chosen by index so the same choice always does the same thing. */
function applyMutation(root: JsonNode, choice: MutationChoice): { node: JsonNode; description: string } {
  const paths = containerPaths(root);
  if (paths.length === 0) return { node: choice.value, description: 'replace the body' };
  const path = paths[choice.container % paths.length];
  const container = nodeAt(root, path);
  const where = path.length === 0 ? 'the top level' : `container ${path.join('.')}`;
  const children =
    container.kind === 'object' ? container.entries.length : container.kind === 'array' ? container.items.length : 0;
  const child = children > 0 ? choice.child % children : -1;
  const key = path.length === 0 ? choice.topLevelKey : choice.nestedKey;
  const mutate = (description: string, replacement: (old: JsonNode) => JsonNode) => ({
    node: replaceAt(root, path, replacement),
    description: `${description} at ${where}`,
  });
  switch (choice.kind) {
    case 'replace':
      if (child < 0) return mutate('replace an empty container', () => choice.value);
      return mutate(`replace child ${child} by ${preview(choice.value)}`, (old) =>
        replaceAt(old, [child], () => choice.value),
      );
    case 'remove':
      return mutate(`remove child ${child}`, (old) => withoutChild(old, child));
    case 'add':
      return mutate(`add ${JSON.stringify(key).slice(0, 40)}: ${preview(choice.value)}`, (old) =>
        old.kind === 'object'
          ? { kind: 'object', entries: [...old.entries, [key, choice.value]] }
          : old.kind === 'array'
            ? { kind: 'array', items: [...old.items, choice.value] }
            : old,
      );
    case 'duplicate':
      return mutate(`give child ${child}'s key twice (${preview(choice.value)})`, (old) =>
        old.kind === 'object' && child >= 0
          ? { kind: 'object', entries: [...old.entries, [old.entries[child][0], choice.value]] }
          : old,
      );
    case 'wrap-in-array':
      if (child < 0) return mutate('wrap in an array', (old) => ({ kind: 'array', items: [old] }));
      return mutate(`wrap child ${child} in an array`, (old) =>
        replaceAt(old, [child], (value) => ({ kind: 'array', items: [value] })),
      );
    case 'unwrap':
      // An object where an array belongs, and the other way round.
      return mutate('turn arrays into objects and objects into arrays', (old) =>
        old.kind === 'array'
          ? { kind: 'object', entries: old.items.map((item, index) => [String(index), item]) }
          : old.kind === 'object'
            ? { kind: 'array', items: old.entries.map(([, value]) => value) }
            : old,
      );
    case 'empty':
      return mutate('empty the container', (old) => (old.kind === 'object' ? raw('{}') : raw('[]')));
    default: {
      const exhaustive: never = choice.kind;
      return exhaustive;
    }
  }
}

function withoutChild(node: JsonNode, index: number): JsonNode {
  if (node.kind === 'array') return { kind: 'array', items: node.items.filter((_, at) => at !== index) };
  if (node.kind === 'object') return { kind: 'object', entries: node.entries.filter((_, at) => at !== index) };
  return node;
}

function preview(node: JsonNode): string {
  const text = toText(node);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} chars)` : text;
}

/** 1 to 3 mutations of a valid body (mostly one). */
export function mutatedJson(
  valid: unknown,
  options: MutationOptions = {},
): fc.Arbitrary<{ text: string; description: string }> {
  const choice: fc.Arbitrary<MutationChoice> = fc.record({
    kind: fc.oneof(...MUTATION_KINDS.map(([kind, weight]) => ({ weight, arbitrary: fc.constant(kind) }))),
    // Half the time the top level (path 0), where a request's own fields are read.
    container: fc.oneof(fc.constant(0), fc.nat()),
    child: fc.nat(),
    topLevelKey: oddKey(options.printableLatin1TopLevelKeys),
    nestedKey: oddKey(),
    value: hostileValue,
  });
  // Mostly one mutation, so the rest of the body stays valid and the mutation is what is tested.
  const count = fc.oneof(
    { weight: 3, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) },
  );
  return count
    .chain((length) => fc.array(choice, { minLength: length, maxLength: length }))
    .map((choices) => {
      let node = toNode(valid);
      const descriptions: string[] = [];
      for (const each of choices) {
        const mutated = applyMutation(node, each);
        node = mutated.node;
        descriptions.push(mutated.description);
      }
      return { text: toText(node), description: descriptions.join('; ') };
    });
}

/** Bodies that are not one JSON object: other JSON, broken JSON, other formats, bytes. */
export function notAJsonObject(valid: unknown): fc.Arbitrary<{ payload: string | Uint8Array; description: string }> {
  const text = JSON.stringify(valid) ?? 'null';
  return fc.oneof(
    fc
      .constantFrom('null', '[]', '[{}]', '"text"', '0', 'true', '{}', ' ', '\n\t ')
      .map((payload) => ({ payload, description: `the JSON ${payload}` })),
    fc
      .nat({ max: Math.max(0, text.length - 1) })
      .map((cut) => ({ payload: text.slice(0, cut), description: `cut at ${cut}` })),
    fc
      .constantFrom('x', '}', ',', ' garbage', '\u0000', '{}')
      .map((tail) => ({ payload: text + tail, description: `then ${JSON.stringify(tail)}` })),
    fc.constant({ payload: `\ufeff${text}`, description: 'a byte-order mark first' }),
    fc.constant({ payload: text.replace(/"/g, "'"), description: 'single quotes' }),
    fc.constant({ payload: `${text.slice(0, -1)},}`, description: 'a trailing comma' }),
    fc.constant({ payload: `// comment\n${text}`, description: 'a comment' }),
    fc
      .constantFrom(
        '{"a":NaN}',
        '{"a":Infinity}',
        '{"a":undefined}',
        '{a:1}',
        '{"a":01}',
        '{"a":"\\x41"}',
        '{"a":"\\u12"}',
      )
      .map((payload) => ({ payload, description: payload })),
    fc.constant({ payload: 'model=gpt-4o&messages=hello', description: 'form-encoded' }),
    fc.constant({
      payload: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n',
      description: 'multipart',
    }),
    fc.string({ unit: 'binary', maxLength: 200 }).map((payload) => ({ payload, description: 'random text' })),
    fc.uint8Array({ maxLength: 200 }).map((payload) => ({ payload, description: 'random bytes' })),
    fc.constant({
      payload: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      description: 'invalid UTF-8 in a string',
    }),
  );
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=b',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'text/event-stream',
  '*/*',
  'json',
  ';',
  'application/json;;;',
];

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 2, arbitrary: fc.constantFrom(...OTHER_TYPES) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/**
 * A body for a route whose valid bodies `valid` generates: valid (a third), mutated (half), not a
 * JSON object (the rest), under a content type that is mostly JSON's.
 */
export function fuzzBody(valid: fc.Arbitrary<unknown>, options: MutationOptions = {}): fc.Arbitrary<FuzzBody> {
  return valid.chain((value) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          payload: fc.constant(JSON.stringify(value)),
          description: fc.constant('valid'),
          contentType,
        }),
      },
      {
        weight: 6,
        arbitrary: fc
          .record({ mutated: mutatedJson(value, options), contentType })
          .map(({ mutated, contentType: type }) => ({
            payload: mutated.text,
            description: mutated.description,
            contentType: type,
          })),
      },
      {
        weight: 2,
        arbitrary: fc.record({ other: notAJsonObject(value), contentType }).map(({ other, contentType: type }) => ({
          payload: other.payload,
          description: other.description,
          contentType: type,
        })),
      },
      { weight: 1, arbitrary: fc.constant({ description: 'no body' }) },
    ),
  );
}
