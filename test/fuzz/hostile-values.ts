/**
 * The values and field names a hostile or careless client sends: wrong types, numbers at and past
 * every edge, long strings, control and odd unicode characters, prototype keys, empty and deeply
 * nested containers. Each is a JSON node, so it can be what `JSON.stringify` would never write.
 */
import fc from 'fast-check';
import { HOSTILE_NESTING_DEPTH, KNOWN_FINDINGS_FIXED, SAFE_NESTING_DEPTH } from './fuzz-config.js';
import { type JsonNode, nestedText, raw, toNode } from './json-text.js';

/** Strings that have broken parsers, headers, logs, templates and queries somewhere. */
export const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\r\nx-injected: 1',
  '\t',
  '\u202egnp.exe',
  '\ufeff',
  '\u200b',
  '\ud800',
  '\udfff\ud800',
  '🙂',
  '👩‍👩‍👧‍👦',
  '备注',
  'Ω≈ç√∫',
  'e\u0301\u0301\u0301',
  '%00',
  '%',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, on purpose
  '${7*7}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e400',
  'true',
  '[object Object]',
  '__proto__',
  'constructor',
];

/** Field names that have confused object handling, headers and logs. */
const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '',
  ' ',
  '\u0000',
  '\n',
  'x-injected\r\nset-cookie: a=b',
  '备注',
  '🙂',
  '\u202e',
  '\ud800',
  'a.b',
  'a[0]',
  '$where',
  'k'.repeat(10_000),
];

/** Number tokens, written as text: some have no exact double (or none at all). */
const NUMBER_TOKENS = [
  '0',
  '-0',
  '-1',
  '0.5',
  '-0.0001',
  '1e-7',
  '2147483648',
  '-2147483649',
  '4294967296',
  '9007199254740993',
  '-9007199254740993',
  '18446744073709551616',
  '123456789012345678901234567890',
  '1e308',
  '-1e308',
  '1.7976931348623157e308',
  '1e400',
  '-1e400',
  '1E+2',
  '5e-324',
];

/** A string of n characters, sometimes multi-byte. */
const longString = fc
  .record({ length: fc.constantFrom(1_000, 10_000, 100_000, 1_000_000), unit: fc.constantFrom('x', 'é', '🙂') })
  .map(({ length, unit }) => raw(JSON.stringify(unit.repeat(Math.ceil(length / unit.length)))));

/** Nesting as deep as the pending depth limit allows today, or far past it once it is in. */
const deepestNesting = KNOWN_FINDINGS_FIXED.deepNesting ? HOSTILE_NESTING_DEPTH : SAFE_NESTING_DEPTH;
const deepNesting = fc
  .record({
    depth: fc.integer({ min: 2, max: deepestNesting }),
    shape: fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
  })
  .map(({ depth, shape }) => raw(nestedText(depth, shape)));

/** Strings of any code points, lone surrogates included (escaped, as a sloppy client writes them). */
const anyCharacters = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((codes) => String.fromCharCode(...codes)),
);

/** A hostile JSON value, as a node. */
export const hostileValue: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUMBER_TOKENS).map(raw) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS).map((text) => raw(JSON.stringify(text))) },
  { weight: 2, arbitrary: anyCharacters.map((text) => raw(JSON.stringify(text))) },
  { weight: 2, arbitrary: fc.constantFrom('null', 'true', 'false', '{}', '[]', '[null]', '[[]]', '{"":{}}').map(raw) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{"__proto__":{"role":"admin","isAdmin":true}}', '{"constructor":{"prototype":{"polluted":1}}}')
      .map(raw),
  },
  { weight: 1, arbitrary: longString },
  { weight: 1, arbitrary: deepNesting },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(toNode) },
);

/** Printable Latin-1: what a header value may carry, so field names cannot poison one. */
const isPrintableLatin1 = (text: string) => /^[\u0020-\u007e\u00a0-\u00ff]+$/.test(text);

/**
 * A field name a client should not send. `printableLatin1Only` keeps to printable Latin-1 (names a
 * response header can carry), for the /v1 top level while that finding's fix is pending.
 */
export function oddKey(printableLatin1Only = false): fc.Arbitrary<string> {
  const keys = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ODD_KEYS) },
    { weight: 2, arbitrary: anyCharacters },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }) },
  );
  return printableLatin1Only ? keys.filter(isPrintableLatin1) : keys;
}
